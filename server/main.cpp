// pos-syncd: the central sync server (docs/sync.md). `pos-syncd --config FILE` serves the API;
// `pos-syncd admin ...` is the operator's command line (AdminCommands.h).
#include "AdminCommands.h"
#include "ServerConfig.h"
#include "SyncServer.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pos::server;

namespace {

const char* const Usage = R"(Usage:
  pos-syncd --config FILE        serve the sync API as the configuration file says
  pos-syncd admin COMMAND ...    roles, migrations, companies, stores, users, enrolment codes,
                                 devices (pos-syncd admin --help)
  pos-syncd --help               this text

The configuration is an INI file:
  [listen]    address (an IP address), port (0 picks a free one)
  [tls]       certificate, key (mode 0600), next_certificate (optional, for rotation)
  [database]  conninfo (libpq; over TCP with sslmode=verify-full and
              ssl_min_protocol_version=TLSv1.3)
  [witness]   key (made with mode 0600 on first start)
  [limits]    max_body_bytes (optional, at most 8 MiB), workers (optional, 1 to 64
              threads with a database connection each; default: the CPUs, 2 to 8)
Once listening, pos-syncd prints "listening on ADDRESS:PORT" on standard output.
)";

void disableCoreDumps()
{
    rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

// SIGTERM and SIGINT end the event loop (a clean exit: the database connection is closed).
void quitOnSignals(QCoreApplication& app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

QString hostPort(const QHostAddress& address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return host + u':' + QString::number(port);
}

} // namespace

int main(int argc, char** argv)
{
    disableCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pos-syncd"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);

    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.value(0) == u"admin")
        return runAdminCommand(args.mid(1), out, err, in);
    if (args.size() == 1 && (args[0] == u"--help" || args[0] == u"-h")) {
        out << Usage;
        return 0;
    }
    QString configPath;
    if (args.size() == 2 && args[0] == u"--config")
        configPath = args[1];
    else if (args.size() == 1 && args[0].startsWith(u"--config="))
        configPath = args[0].mid(9);
    if (configPath.isEmpty()) {
        err << "pos-syncd: say which configuration to use: pos-syncd --config FILE "
               "(pos-syncd --help)\n";
        return 2;
    }

    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: "
                                          "%{message}"));
    auto config = ServerConfig::load(configPath);
    if (!config) {
        err << "pos-syncd: " << config.error().message << '\n';
        return 1;
    }
    auto server = SyncServer::start(*config);
    if (!server) {
        err << "pos-syncd: " << server.error().message << '\n';
        return 1;
    }
    quitOnSignals(app);
    out << "listening on " << hostPort((*server)->address(), (*server)->port()) << Qt::endl;
    const int code = QCoreApplication::exec();
    out << "pos-syncd stopped" << Qt::endl;
    return code;
}
