#include "AdminCommands.h"

namespace pos::server {

int runAdminCommand(const QStringList& args, QTextStream& out, QTextStream& err, QTextStream& in)
{
    Q_UNUSED(args);
    Q_UNUSED(out);
    Q_UNUSED(in);
    err << "pos-syncd admin: not built yet\n";
    err.flush();
    return 2;
}

} // namespace pos::server
