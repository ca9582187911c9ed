#pragma once

#include <QString>
#include <algorithm>
#include <vector>

namespace pos::bench {

struct Stats {
    double meanUs = 0, p50Us = 0, p99Us = 0, maxUs = 0;
    std::size_t n = 0;
};

inline Stats summarize(std::vector<qint64> ns)
{
    Stats s;
    s.n = ns.size();
    if (ns.empty())
        return s;
    std::sort(ns.begin(), ns.end());
    double sum = 0;
    for (qint64 v : ns)
        sum += static_cast<double>(v);
    const auto at = [&](double q) {
        auto i = static_cast<std::size_t>(q * static_cast<double>(ns.size() - 1) + 0.5);
        return static_cast<double>(ns[std::min(i, ns.size() - 1)]) / 1000.0;
    };
    s.meanUs = sum / static_cast<double>(ns.size()) / 1000.0;
    s.p50Us = at(0.50);
    s.p99Us = at(0.99);
    s.maxUs = static_cast<double>(ns.back()) / 1000.0;
    return s;
}

inline QString row(const QString& what, const Stats& ours, const Stats& floor)
{
    const auto f = [](double v) {
        return QString::number(v, 'f', 1);
    };
    return QStringLiteral("| %1 | %2 | %3 / %4 | %5 / %6 | %7x | %8x |")
        .arg(what)
        .arg(ours.n)
        .arg(f(ours.p50Us), f(ours.p99Us), f(floor.p50Us), f(floor.p99Us))
        .arg(QString::number(ours.meanUs / floor.meanUs, 'f', 2))
        .arg(QString::number(ours.p99Us / floor.p99Us, 'f', 2));
}

} // namespace pos::bench
