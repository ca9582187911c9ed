#include "audit/AuditVerifierPool.h"

#include "audit/AuditBundleReader.h"
#include "crypto/Ed25519.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace pos {

namespace {

// One worker's verifiers, made on first use of each register's key.
class Verifiers {
public:
    explicit Verifiers(const QHash<QString, QByteArray>& keys) : m_keys(keys) {}

    const Ed25519Verifier* forRegister(const QString& registerId)
    {
        auto it = m_made.find(registerId);
        if (it == m_made.end()) {
            std::optional<Ed25519Verifier> v;
            auto key = m_keys.constFind(registerId);
            if (key != m_keys.constEnd())
                if (auto made = Ed25519Verifier::fromPublicKey(*key))
                    v.emplace(std::move(*made));
            it = m_made.emplace(registerId, std::move(v)).first;
        }
        return it->second ? &*it->second : nullptr;
    }

private:
    const QHash<QString, QByteArray>& m_keys;
    std::unordered_map<QString, std::optional<Ed25519Verifier>> m_made;
};

void process(AuditItem& item, Verifiers& verifiers)
{
    if (item.kind == AuditItem::Kind::Line)
        AuditBundleReader::parseLine(item);
    if (item.kind != AuditItem::Kind::Row)
        return;
    item.hashOk = auditformat::rowHash(item.row) == item.row.hash;
    const Ed25519Verifier* v = verifiers.forRegister(item.row.registerId);
    item.signatureOk =
        v && v->verify(auditformat::signedMessage(item.row.hash), item.row.signature);
}

} // namespace

AuditVerifierPool::AuditVerifierPool(QHash<QString, QByteArray> keys, int workers)
    : m_keys(std::move(keys))
{
    if (workers <= 0)
        workers = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    // Enough batches to keep every worker busy while the reader fills and checks the next ones.
    m_maxInFlight = static_cast<std::size_t>(workers) * 2 + 1;
    m_threads.reserve(static_cast<std::size_t>(workers));
    for (int i = 0; i < workers; ++i)
        m_threads.emplace_back([this](const std::stop_token& stop) { work(stop); });
}

AuditVerifierPool::~AuditVerifierPool()
{
    stop();
}

bool AuditVerifierPool::full() const
{
    std::lock_guard lock(m_mutex);
    return m_inOrder.size() >= m_maxInFlight;
}

bool AuditVerifierPool::empty() const
{
    std::lock_guard lock(m_mutex);
    return m_inOrder.empty();
}

void AuditVerifierPool::submit(std::unique_ptr<AuditBatch> batch)
{
    auto slot = std::make_shared<Slot>();
    slot->batch = std::move(batch);
    {
        std::lock_guard lock(m_mutex);
        m_inOrder.push_back(slot);
        if (slot->batch->items.empty())
            slot->done = true;
        else
            m_waiting.push_back(std::move(slot));
    }
    m_wake.notify_all();
}

std::unique_ptr<AuditBatch> AuditVerifierPool::take()
{
    std::unique_lock lock(m_mutex);
    if (m_inOrder.empty())
        return {};
    std::shared_ptr<Slot> slot = m_inOrder.front();
    m_done.wait(lock, [&] { return slot->done; });
    m_inOrder.pop_front();
    return std::move(slot->batch);
}

void AuditVerifierPool::stop()
{
    for (auto& t : m_threads)
        t.request_stop();
    for (auto& t : m_threads)
        if (t.joinable())
            t.join();
    std::lock_guard lock(m_mutex);
    m_waiting.clear();
    m_inOrder.clear();
}

void AuditVerifierPool::work(const std::stop_token& stop)
{
    Verifiers verifiers(m_keys);
    for (;;) {
        std::shared_ptr<Slot> slot;
        std::size_t begin = 0;
        std::size_t end = 0;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [&] { return !m_waiting.empty(); }))
                return; // stop requested
            slot = m_waiting.front();
            const std::size_t size = slot->batch->items.size();
            begin = slot->handedOut;
            end = std::min(size, begin + ChunkRows);
            slot->handedOut = end;
            if (end == size)
                m_waiting.pop_front();
        }
        std::vector<AuditItem>& items = slot->batch->items;
        for (std::size_t i = begin; i < end; ++i) {
            if (stop.stop_requested())
                return;
            process(items[i], verifiers);
        }
        bool done = false;
        {
            std::lock_guard lock(m_mutex);
            slot->finished += end - begin;
            done = slot->done = slot->finished == items.size();
        }
        if (done)
            m_done.notify_all();
    }
}

} // namespace pos
