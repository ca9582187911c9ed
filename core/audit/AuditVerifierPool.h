#pragma once

#include "audit/AuditFormat.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace pos {

// One row or checkpoint on its way through the verifier (AuditVerifier.cpp). A store's rows arrive
// parsed; a bundle's lines arrive raw and are parsed on a worker (AuditBundleReader::parseLine).
struct AuditItem {
    enum class Kind { Line, Row, Checkpoint, Unreadable };
    Kind kind = Kind::Row;
    qint64 line = 0; // the bundle line number, 0 for a store
    QByteArray raw;  // Line: the JSON text
    AuditRow row;
    AuditCheckpoint checkpoint;
    QString problem; // Unreadable: what is wrong with the line, in plain words
    // Row, filled in by a worker:
    bool hashOk = false;      // the stored hash is the hash of the row's fields at its seq
    bool signatureOk = false; // the signature over the stored hash is the register key's
};

struct AuditBatch {
    std::vector<AuditItem> items;
    qint64 progress = 0; // rows (store) or bytes (bundle) read once this batch is done
};

// Hashes and signature-checks batches of audit rows on worker threads, one per core, each with
// its own Ed25519Verifier per register key, and hands the batches back in the order they were
// submitted. At most maxInFlight() batches are held, so memory stays flat however long the chain.
class AuditVerifierPool {
public:
    // keys: register id -> the public key its rows are checked against (32 bytes).
    explicit AuditVerifierPool(QHash<QString, QByteArray> keys, int workers = 0);
    ~AuditVerifierPool();
    AuditVerifierPool(const AuditVerifierPool&) = delete;
    AuditVerifierPool& operator=(const AuditVerifierPool&) = delete;

    static constexpr std::size_t BatchRows = 2048;
    // Workers take a batch a chunk at a time, the oldest batch first, so that every worker helps
    // to finish the batch the reader waits for (one slow or descheduled worker holding a whole
    // batch would stall the others).
    static constexpr std::size_t ChunkRows = 128;

    bool full() const;  // take() before submitting more
    bool empty() const; // nothing in flight
    void submit(std::unique_ptr<AuditBatch> batch);
    // The oldest batch in flight once the workers are done with it; null when none is in flight.
    std::unique_ptr<AuditBatch> take();
    // Drops the batches in flight and stops the workers (for a cancel or once the verdict is
    // known).
    void stop();

    int workers() const { return static_cast<int>(m_threads.size()); }

private:
    struct Slot {
        std::unique_ptr<AuditBatch> batch;
        std::size_t handedOut = 0; // items given to workers so far
        std::size_t finished = 0;  // items they are done with
        bool done = false;
    };
    void work(const std::stop_token& stop);

    QHash<QString, QByteArray> m_keys;
    std::size_t m_maxInFlight = 0;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::condition_variable m_done;
    std::deque<std::shared_ptr<Slot>> m_inOrder; // every batch in flight, oldest first
    std::deque<std::shared_ptr<Slot>> m_waiting; // with items not yet handed to a worker
    std::vector<std::jthread> m_threads;         // last: stopped and joined first
};

} // namespace pos
