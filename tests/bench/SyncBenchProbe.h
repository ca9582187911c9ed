#pragma once

// What pos_sync_bench (SyncBench.cpp) watches besides the wall clock: CPU and run-queue time of
// pos-syncd, its PostgreSQL backend and itself from /proc (the machine may be shared), and, on
// request, PostgreSQL's own per-statement durations from its log.

#include "PgCluster.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

namespace pos::bench {

// user + system CPU seconds of a process (/proc/<pid>/stat), 0 when it is gone.
inline double processCpu(qint64 pid, qint64* parent = nullptr)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = file.readAll();
    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 13)
        return 0;
    if (parent)
        *parent = f.at(1).toLongLong();
    return static_cast<double>(f.at(11).toLongLong() + f.at(12).toLongLong()) /
           static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU seconds of every child of `postmaster` (the backends and PostgreSQL's own workers).
inline double postgresCpu(qint64 postmaster)
{
    double sum = processCpu(postmaster);
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& p : pids) {
        bool number = false;
        const qint64 pid = p.toLongLong(&number);
        if (!number)
            continue;
        qint64 parent = 0;
        const double cpu = processCpu(pid, &parent);
        if (parent == postmaster)
            sum += cpu;
    }
    return sum;
}

inline double selfCpu()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto s = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return s(usage.ru_utime) + s(usage.ru_stime);
}

inline QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

// Seconds a thread ran on a CPU and waited runnable for one (/proc/<pid>/schedstat: the thread
// group leader, i.e. the main thread, where an event loop runs). On a machine shared with other
// work the wait says how much of the wall time a process wanted a CPU and did not get one.
struct Sched {
    double onCpu = 0, waiting = 0;
    static Sched of(qint64 pid)
    {
        QFile file(QStringLiteral("/proc/%1/schedstat").arg(pid));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QList<QByteArray> f = file.readAll().trimmed().split(' ');
        if (f.size() < 2)
            return {};
        return {static_cast<double>(f.at(0).toLongLong()) / 1e9,
                static_cast<double>(f.at(1).toLongLong()) / 1e9};
    }
    // Every thread of a process (/proc/<pid>/task/*/schedstat) summed.
    static Sched ofAllThreads(qint64 pid)
    {
        Sched sum;
        const QString tasks = QStringLiteral("/proc/%1/task").arg(pid);
        for (const QString& tid : QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(tasks + u'/' + tid + QStringLiteral("/schedstat"));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> f = file.readAll().trimmed().split(' ');
            if (f.size() < 2)
                continue;
            sum.onCpu += static_cast<double>(f.at(0).toLongLong()) / 1e9;
            sum.waiting += static_cast<double>(f.at(1).toLongLong()) / 1e9;
        }
        return sum;
    }
    Sched operator+(const Sched& o) const { return {onCpu + o.onCpu, waiting + o.waiting}; }
    Sched operator-(const Sched& o) const { return {onCpu - o.onCpu, waiting - o.waiting}; }
};

// pos-syncd (all its threads) and its PostgreSQL backends (one per worker thread).
struct CpuSnapshot {
    double client = 0, syncd = 0, postgres = 0;
    Sched syncdLoop, syncdAll, backends;
    static CpuSnapshot take(qint64 syncdPid, const QList<qint64>& backendPids, qint64 postmaster)
    {
        Sched backends;
        for (const qint64 pid : backendPids)
            backends = backends + Sched::of(pid);
        return {selfCpu(),           processCpu(syncdPid),          postgresCpu(postmaster),
                Sched::of(syncdPid), Sched::ofAllThreads(syncdPid), backends};
    }
};

// PostgreSQL's own time per statement (log_min_duration_statement = 0 for every session, bind
// parameters left out of the log), summed by the statement's first words: where a batch's time
// goes inside the database. Logging costs time itself: not for the headline figures.
class StatementLog {
public:
    explicit StatementLog(test::PgCluster& cluster) : m_cluster(cluster) {}

    bool start()
    {
        QFile log(m_cluster.logFile());
        m_offset = log.size();
        return set({"ALTER SYSTEM SET log_min_duration_statement = 0",
                    "ALTER SYSTEM SET log_parameter_max_length = 0"});
    }

    // Stops logging and returns "| statement | calls | ms | ms per call |" rows, biggest first.
    QStringList stop(qint64 batches)
    {
        set({"ALTER SYSTEM RESET log_min_duration_statement",
             "ALTER SYSTEM RESET log_parameter_max_length"});
        QFile log(m_cluster.logFile());
        if (!log.open(QIODevice::ReadOnly) || !log.seek(m_offset))
            return {};
        static const QRegularExpression line(
            QStringLiteral(R"(duration: ([0-9.]+) ms  (parse|bind|execute|statement)[^:]*: (.*))"));
        struct Sum {
            qint64 calls = 0;
            double ms = 0;
        };
        QHash<QString, Sum> sums;
        while (!log.atEnd()) {
            const QString text = QString::fromUtf8(log.readLine());
            const auto m = line.match(text);
            if (!m.hasMatch())
                continue;
            const QString key = m.captured(3).simplified().left(70);
            Sum& sum = sums[key];
            sum.ms += m.captured(1).toDouble();
            if (m.captured(2) == QLatin1String("execute") ||
                m.captured(2) == QLatin1String("statement"))
                ++sum.calls;
        }
        QList<std::pair<QString, Sum>> sorted;
        for (auto it = sums.cbegin(); it != sums.cend(); ++it)
            sorted.append({it.key(), it.value()});
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& a, const auto& b) { return a.second.ms > b.second.ms; });
        QStringList out;
        for (const auto& [key, sum] : sorted)
            out.append(
                QStringLiteral("| `%1` | %2 | %3 | %4 |")
                    .arg(key)
                    .arg(sum.calls)
                    .arg(QString::number(sum.ms, 'f', 0))
                    .arg(QString::number(sum.ms / double(std::max<qint64>(batches, 1)), 'f', 2)));
        return out;
    }

private:
    // ALTER SYSTEM runs outside a transaction: one statement at a time.
    bool set(const QList<QByteArray>& statements)
    {
        server::PgConnection* pg = m_cluster.superuser();
        if (!pg)
            return false;
        for (const QByteArray& sql : statements)
            if (!pg->exec(sql))
                return false;
        return pg->exec("SELECT pg_reload_conf()").has_value();
    }

    test::PgCluster& m_cluster;
    qint64 m_offset = 0;
};

} // namespace pos::bench
