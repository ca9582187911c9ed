#pragma once

#include <QList>
#include <QTimer>
#include <chrono>
#include <functional>

namespace pos {

// When SyncEngine's next automatic run happens. The product uses a QTimer (QtSyncTimer); tests
// use ManualSyncTimer to see the back-off schedule and fire runs without waiting.
class SyncTimer {
public:
    virtual ~SyncTimer() = default;
    // Replaces whatever was planned: fire() is called once, after delay, in the caller's thread.
    virtual void start(std::chrono::milliseconds delay, std::function<void()> fire) = 0;
    virtual void stop() = 0;
};

class QtSyncTimer final : public SyncTimer {
public:
    QtSyncTimer()
    {
        m_timer.setSingleShot(true);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            auto fire = std::move(m_fire);
            m_fire = {};
            if (fire)
                fire();
        });
    }
    void start(std::chrono::milliseconds delay, std::function<void()> fire) override
    {
        m_fire = std::move(fire);
        m_timer.start(delay);
    }
    void stop() override
    {
        m_timer.stop();
        m_fire = {};
    }

private:
    QTimer m_timer;
    std::function<void()> m_fire;
};

// Records every delay asked for; fire() runs the planned action now.
class ManualSyncTimer final : public SyncTimer {
public:
    void start(std::chrono::milliseconds delay, std::function<void()> fire) override
    {
        m_delays.append(delay);
        m_fire = std::move(fire);
    }
    void stop() override { m_fire = {}; }

    bool planned() const { return static_cast<bool>(m_fire); }
    // The delay of the plan now pending (the last one asked for).
    std::chrono::milliseconds lastDelay() const
    {
        return m_delays.isEmpty() ? std::chrono::milliseconds(-1) : m_delays.last();
    }
    const QList<std::chrono::milliseconds>& delays() const { return m_delays; }
    bool fire()
    {
        auto fire = std::move(m_fire);
        m_fire = {};
        if (!fire)
            return false;
        fire();
        return true;
    }

private:
    QList<std::chrono::milliseconds> m_delays;
    std::function<void()> m_fire;
};

} // namespace pos
