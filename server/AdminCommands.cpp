#include "AdminCommands.h"

#include "AdminService.h"
#include "Migrator.h"
#include "PgConnection.h"
#include "ServerConfig.h"
#include "crypto/SecretBytes.h"
#include "sync/SyncProtocol.h"

#include <QFile>
#include <QHash>
#include <QSslCertificate>
#include <QSslKey>

#include <libpq-fe.h>
#include <termios.h>
#include <unistd.h>

namespace pos::server {

namespace {

const char Usage[] = R"(usage: pos-syncd admin <command> (--config FILE | --db CONNINFO) [options]

  init-roles --app-login NAME     (as the superuser) make the roles pos_owner and pos_app and
                                  the server's login role NAME; its password is read from
                                  standard input
  migrate                         bring the database schema up to date
  create-company --name NAME      prints: company <id>
  create-store --company ID --name NAME
                                  prints: store <id>
  create-user --company ID --code DIGITS --name NAME --role owner|manager|cashier|auditor
              [--stores ID,ID]    the password is read from standard input; owners work in
                                  every store, everyone else in the --stores given
  enrol-code --company ID --store ID [--hours 24]
                                  a one-time code for a register of that store, shown once,
                                  with the server certificate pins to compare on the register
  devices --company ID [--store ID]
                                  the company's registers
  revoke --company ID --device ID [--reason TEXT]
                                  the register is refused from now on

--config FILE uses [database] admin_conninfo of the server's configuration (a role that may
act as pos_owner); --db takes a libpq connection string without a password (use a passfile
or the local socket). There is no list of companies: the admin works inside one company at a
time, under the same row-level security as the server.
)";

struct Command {
    QString name;
    QHash<QString, QString> options;
};

// Options of each subcommand (besides --config / --db); true: required.
const QHash<QString, QHash<QString, bool>>& knownOptions()
{
    static const QHash<QString, QHash<QString, bool>> known{
        {QStringLiteral("init-roles"), {{QStringLiteral("app-login"), true}}},
        {QStringLiteral("migrate"), {}},
        {QStringLiteral("create-company"), {{QStringLiteral("name"), true}}},
        {QStringLiteral("create-store"),
         {{QStringLiteral("company"), true}, {QStringLiteral("name"), true}}},
        {QStringLiteral("create-user"),
         {{QStringLiteral("company"), true},
          {QStringLiteral("code"), true},
          {QStringLiteral("name"), true},
          {QStringLiteral("role"), true},
          {QStringLiteral("stores"), false}}},
        {QStringLiteral("enrol-code"),
         {{QStringLiteral("company"), true},
          {QStringLiteral("store"), true},
          {QStringLiteral("hours"), false}}},
        {QStringLiteral("devices"),
         {{QStringLiteral("company"), true}, {QStringLiteral("store"), false}}},
        {QStringLiteral("revoke"),
         {{QStringLiteral("company"), true},
          {QStringLiteral("device"), true},
          {QStringLiteral("reason"), false}}},
    };
    return known;
}

// Parses "<command> --key value ...". Returns an error message (usage error) or the command.
std::expected<Command, QString> parse(const QStringList& args)
{
    Command c;
    c.name = args.value(0);
    const auto known = knownOptions().constFind(c.name);
    if (known == knownOptions().constEnd())
        return std::unexpected(QStringLiteral("unknown command '%1'").arg(c.name));
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (!arg.startsWith(u"--") || arg.size() < 3)
            return std::unexpected(QStringLiteral("unexpected argument '%1'").arg(arg));
        const QString key = arg.mid(2);
        const bool connection = key == u"config" || key == u"db";
        if (!connection && !known->contains(key))
            return std::unexpected(QStringLiteral("%1 takes no option --%2").arg(c.name, key));
        if (c.options.contains(key))
            return std::unexpected(QStringLiteral("--%1 is given twice").arg(key));
        if (i + 1 >= args.size())
            return std::unexpected(QStringLiteral("--%1 needs a value").arg(key));
        c.options.insert(key, args[++i]);
    }
    if (c.options.contains(QStringLiteral("config")) == c.options.contains(QStringLiteral("db")))
        return std::unexpected(QStringLiteral("give either --config FILE or --db CONNINFO"));
    for (auto it = known->constBegin(); it != known->constEnd(); ++it) {
        if (it.value() && !c.options.contains(it.key()))
            return std::unexpected(QStringLiteral("%1 needs --%2").arg(c.name, it.key()));
    }
    return c;
}

// A conninfo given on the command line must not hold a password (ps and shell history show it).
Status refuseInlinePassword(const QByteArray& conninfo)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.constData(), &error);
    if (!options) {
        PQfreemem(error);
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("--db is not a libpq connection string"));
    }
    bool password = false;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (qstrcmp(o->keyword, "password") == 0 && o->val && *o->val)
            password = true;
    }
    PQconninfoFree(options);
    if (password)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("--db must not contain a password: use a passfile, the local "
                                   "socket or --config"));
    return {};
}

struct Target {
    QByteArray conninfo;
    QStringList pins; // of the configured certificates; empty with --db
};

Result<Target> target(const Command& c)
{
    Target t;
    if (c.options.contains(QStringLiteral("db"))) {
        t.conninfo = c.options.value(QStringLiteral("db")).toUtf8();
        if (auto s = refuseInlinePassword(t.conninfo); !s)
            return std::unexpected(s.error());
        return t;
    }
    auto config = ServerConfig::load(c.options.value(QStringLiteral("config")));
    if (!config)
        return std::unexpected(config.error());
    if (config->adminConninfo.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the configuration has no [database] admin_conninfo (a role "
                                   "that may act as pos_owner)"));
    t.conninfo = config->adminConninfo;
    for (const QString& path : {config->certificatePath, config->nextCertificatePath}) {
        if (path.isEmpty())
            continue;
        const auto certs = QSslCertificate::fromPath(path, QSsl::Pem);
        if (certs.isEmpty() || certs.first().publicKey().isNull())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the certificate %1 cannot be read").arg(path));
        t.pins.append(syncprotocol::spkiPin(certs.first().publicKey().toDer()));
    }
    return t;
}

// One line from `in`, taken into SecretBytes; the line's characters are overwritten after.
Result<SecretBytes> readLine(QTextStream& in)
{
    QString line = in.readLine();
    if (line.endsWith(u'\r'))
        line.chop(1);
    QByteArray bytes = line.toUtf8();
    line.fill(u'\0');
    return SecretBytes::takeFrom(bytes);
}

// `in` is the terminal: the secret is typed without echo, after a prompt on `err`.
bool isTerminal(QTextStream& in)
{
    const auto* file = qobject_cast<QFile*>(in.device());
    return file && file->handle() == STDIN_FILENO && isatty(STDIN_FILENO) == 1;
}

// A new secret: one line from `in`; typed twice without echo when `in` is the terminal.
Result<SecretBytes> readSecret(QTextStream& in, QTextStream& err, const QString& what)
{
    const bool tty = isTerminal(in);
    termios old{};
    if (tty) {
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        err << "New " << what << ": ";
        err.flush();
    }
    auto first = readLine(in);
    Result<SecretBytes> again = SecretBytes();
    if (tty) {
        err << "\nThe same " << what << " again: ";
        err.flush();
        again = readLine(in);
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        err << '\n';
        err.flush();
    }
    if (!first || !again)
        return std::unexpected(!first ? first.error() : again.error());
    if (first->isEmpty())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the %1 is read from standard input (one line); none was "
                                   "given")
                        .arg(what));
    if (tty && !first->equals(*again))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the two entries of the %1 differ").arg(what));
    return std::move(*first);
}

// A name as one output line: a register names itself at enrolment, so a control character in it
// must not start a line of its own ("one fact per line").
QString oneLine(QString text)
{
    for (QChar& ch : text) {
        if (ch.category() == QChar::Other_Control || ch == QChar::LineSeparator ||
            ch == QChar::ParagraphSeparator)
            ch = u' ';
    }
    return text;
}

int run(const Command& c, PgConnection& pg, const Target& t, QTextStream& out, QTextStream& err,
        QTextStream& in, Error& error)
{
    const auto opt = [&c](const char* key) {
        return c.options.value(QString::fromLatin1(key));
    };
    const auto failed = [&error](const Error& e) {
        error = e;
        return 1;
    };
    AdminService admin(pg);
    if (c.name == u"init-roles") {
        auto password = readSecret(in, err, QStringLiteral("password of the login role"));
        if (!password)
            return failed(password.error());
        auto report = admin.initRoles(opt("app-login"), *password);
        if (!report)
            return failed(report.error());
        for (const QString& line : report->lines)
            out << line << '\n';
    } else if (c.name == u"migrate") {
        Migrator migrator(pg);
        auto applied = migrator.migrate();
        if (!applied)
            return failed(applied.error());
        for (int v : *applied)
            out << "applied V" << v << '\n';
        auto version = migrator.currentVersion();
        if (!version)
            return failed(version.error());
        out << "schema version " << *version << '\n';
    } else if (c.name == u"create-company") {
        auto id = admin.createCompany(opt("name"));
        if (!id)
            return failed(id.error());
        out << "company " << *id << '\n';
    } else if (c.name == u"create-store") {
        auto id = admin.createStore(opt("company"), opt("name"));
        if (!id)
            return failed(id.error());
        out << "store " << *id << '\n';
    } else if (c.name == u"create-user") {
        AdminService::NewUser user{opt("company"), opt("code"), opt("name"), opt("role"), {}};
        if (c.options.contains(QStringLiteral("stores")))
            user.storeIds = opt("stores").split(u',', Qt::SkipEmptyParts);
        auto password = readSecret(in, err, QStringLiteral("password"));
        if (!password)
            return failed(password.error());
        auto created = admin.createUser(user, *password);
        if (!created)
            return failed(created.error());
        out << "user " << created->id << '\n';
        for (const QString& s : created->storeIds)
            out << "assigned " << s << '\n';
    } else if (c.name == u"enrol-code") {
        int hours = 24;
        if (c.options.contains(QStringLiteral("hours"))) {
            bool ok = false;
            hours = opt("hours").toInt(&ok);
            if (!ok)
                return failed(Error{ErrorCode::InvalidInput,
                                    QStringLiteral("--hours is a whole number of hours")});
        }
        auto code = admin.createEnrolmentCode(opt("company"), opt("store"), hours);
        if (!code)
            return failed(code.error());
        out << "code " << code->code << '\n'
            << "company " << opt("company") << '\n'
            << "store " << opt("store") << '\n'
            << "store-name " << oneLine(code->storeName) << '\n'
            << "expires " << code->expiresAt << '\n';
        for (const QString& pin : t.pins)
            out << "pin " << pin << '\n';
    } else if (c.name == u"devices") {
        auto devices = admin.devices(opt("company"), opt("store"));
        if (!devices)
            return failed(devices.error());
        for (const auto& d : *devices)
            out << "device " << d.id << " store=" << d.storeId << " enrolled=" << d.enrolledAt
                << " revoked=" << (d.revokedAt.isEmpty() ? QStringLiteral("no") : d.revokedAt)
                << " name=" << oneLine(d.name) << '\n';
    } else if (c.name == u"revoke") {
        auto at = admin.revokeDevice(opt("company"), opt("device"), opt("reason"));
        if (!at)
            return failed(at.error());
        out << "revoked " << opt("device") << ' ' << *at << '\n';
    }
    return 0;
}

} // namespace

int runAdminCommand(const QStringList& args, QTextStream& out, QTextStream& err, QTextStream& in)
{
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h" ||
        args.first() == u"help") {
        (args.isEmpty() ? err : out) << Usage;
        (args.isEmpty() ? err : out).flush();
        return args.isEmpty() ? 2 : 0;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out << Usage;
        out.flush();
        return 0;
    }
    auto command = parse(args);
    if (!command) {
        err << "pos-syncd admin: " << command.error() << "\n(pos-syncd admin --help)\n";
        err.flush();
        return 2;
    }
    const auto refuse = [&](const Error& e) {
        err << "pos-syncd admin " << command->name << ": " << e.message << '\n';
        err.flush();
        out.flush();
        return 1;
    };
    auto where = target(*command);
    if (!where)
        return refuse(where.error());
    auto pg = PgConnection::open(where->conninfo);
    if (!pg)
        return refuse(pg.error());
    Error error;
    const int code = run(*command, *pg, *where, out, err, in, error);
    out.flush();
    if (code != 0)
        return refuse(error);
    return 0;
}

} // namespace pos::server
