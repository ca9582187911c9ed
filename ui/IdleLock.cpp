#include "IdleLock.h"

#include <QCoreApplication>
#include <QEvent>

namespace pos::ui {

IdleLock::IdleLock(QObject* parent) : QObject(parent)
{
    setObjectName(QStringLiteral("idleLock"));
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &IdleLock::check);
    QCoreApplication::instance()->installEventFilter(this);
}

IdleLock::~IdleLock()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

void IdleLock::setInterval(std::chrono::milliseconds interval)
{
    m_interval = std::max(interval, std::chrono::milliseconds(1));
    if (m_active)
        start();
}

void IdleLock::start()
{
    m_active = true;
    m_sinceInput.start();
    m_timer.start(m_interval);
}

void IdleLock::stop()
{
    m_active = false;
    m_timer.stop();
}

bool IdleLock::eventFilter(QObject* watched, QEvent* event)
{
    // Input only restarts the stopwatch: restarting the timer on every mouse move would cost
    // more than it is worth. check() sees when the last input was.
    if (m_active) {
        switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::MouseMove:
        case QEvent::Wheel:
        case QEvent::TouchBegin:
        case QEvent::TouchUpdate:
        case QEvent::TabletPress:
        case QEvent::InputMethod:
            m_sinceInput.start();
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

void IdleLock::check()
{
    if (!m_active)
        return;
    const std::chrono::milliseconds quiet(m_sinceInput.elapsed());
    if (quiet < m_interval) {
        m_timer.start(m_interval - quiet);
        return;
    }
    stop();
    emit idle();
}

} // namespace pos::ui
