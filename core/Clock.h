#pragma once

#include <QDateTime>
#include <QUuid>

namespace pos {

// Injectable time and id sources so receipts, shifts and (later) audit rows are deterministic in
// tests.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
};

class SystemClock final : public Clock {
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(QDateTime start) : m_now(std::move(start)) {}
    QDateTime nowUtc() const override { return m_now; }
    void advanceSecs(qint64 secs) { m_now = m_now.addSecs(secs); }
    void set(QDateTime t) { m_now = std::move(t); }

private:
    QDateTime m_now;
};

class IdSource {
public:
    virtual ~IdSource() = default;
    virtual QUuid newId() = 0;
};

class RandomIdSource final : public IdSource {
public:
    QUuid newId() override { return QUuid::createUuid(); }
};

// Deterministic ids for tests: 00000000-0000-4000-8000-<counter>.
class SequentialIdSource final : public IdSource {
public:
    QUuid newId() override
    {
        ++m_next;
        return QUuid(0, 0, 0x4000, 0x80, 0, static_cast<uchar>(m_next >> 40),
                     static_cast<uchar>(m_next >> 32), static_cast<uchar>(m_next >> 24),
                     static_cast<uchar>(m_next >> 16), static_cast<uchar>(m_next >> 8),
                     static_cast<uchar>(m_next));
    }

private:
    quint64 m_next = 0;
};

} // namespace pos
