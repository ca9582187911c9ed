#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <chrono>

namespace pos::ui {

// AUTH-4 at the counter: watches the whole application's keyboard, mouse and touch input (an
// event filter on qApp, so every window and dialog counts, and a scanner is a keyboard) and
// emits idle() once nothing came for interval(). The counter then locks itself and stops this
// until someone unlocks it. The interval comes from AuthService::idleLockSeconds(); tests set a
// short one.
class IdleLock final : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::seconds DefaultInterval{300};

    explicit IdleLock(QObject* parent = nullptr);
    ~IdleLock() override;

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }
    // Counting starts now.
    void start();
    void stop();
    bool isActive() const { return m_active; }

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void check();

    QTimer m_timer;
    QElapsedTimer m_sinceInput;
    std::chrono::milliseconds m_interval = DefaultInterval;
    bool m_active = false;
};

} // namespace pos::ui
