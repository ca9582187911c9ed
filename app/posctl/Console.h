#pragma once

#include "Error.h"

#include <QTextStream>

namespace pos::cli {

// posctl's one standard output and one standard error stream (one buffer each, so lines from
// different commands never overtake each other).
inline QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

inline QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

// Prints the error for people and gives the exit code.
inline int failWith(const Error& e)
{
    err() << "posctl: " << e.message << Qt::endl;
    return 1;
}

} // namespace pos::cli
