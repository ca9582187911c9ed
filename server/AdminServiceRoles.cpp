// AdminService::initRoles: the database roles of docs/sync.md, "Tenancy on the server".
#include "AdminService.h"

#include "AdminServiceDetail.h"
#include "auth/CredentialHash.h"

#include <QLoggingCategory>
#include <QRegularExpression>

#include <libpq-fe.h>

namespace pos::server {

using namespace admindetail;

namespace {

Q_LOGGING_CATEGORY(lcRoles, "pos.syncd.admin")

struct RoleState {
    bool exists = false;
    bool login = false;
    bool super = false;
    bool bypassRls = false;
    bool createRole = false;
    qint64 owned = 0; // objects it owns, in any database (pg_shdepend)
};

Result<RoleState> roleState(PgConnection& pg, const QString& name)
{
    auto row = pg.exec("SELECT r.rolcanlogin, r.rolsuper, r.rolbypassrls, r.rolcreaterole, "
                       "(SELECT count(*) FROM pg_shdepend d WHERE d.refclassid = "
                       "'pg_authid'::regclass AND d.refobjid = r.oid AND d.deptype = 'o') "
                       "FROM pg_roles r WHERE r.rolname = $1",
                       {name.toUtf8()});
    if (!row)
        return std::unexpected(row.error());
    RoleState s;
    if (row->rows() == 0)
        return s;
    s.exists = true;
    s.login = row->boolean(0, 0);
    s.super = row->boolean(0, 1);
    s.bypassRls = row->boolean(0, 2);
    s.createRole = row->boolean(0, 3);
    s.owned = row->integer(0, 4);
    return s;
}

// pos_owner and pos_app: NOLOGIN group roles without any way around row-level security.
Result<QString> ensureGroupRole(PgConnection& pg, const QString& name, bool mayOwn)
{
    auto state = roleState(pg, name);
    if (!state)
        return std::unexpected(state.error());
    if (!state->exists) {
        const QByteArray sql = "CREATE ROLE " + name.toUtf8() +
                               " NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE";
        if (auto c = pg.execScript(sql); !c)
            return std::unexpected(c.error());
        return QStringLiteral("role %1 created").arg(name);
    }
    if (state->login || state->super || state->bypassRls)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("the role %1 exists and can log in, is a superuser or has "
                                   "BYPASSRLS: fix it by hand (ALTER ROLE %1 NOLOGIN NOSUPERUSER "
                                   "NOBYPASSRLS), nothing was changed")
                        .arg(name));
    if (!mayOwn && state->owned > 0)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("the role %1 owns %2 database objects; it must own nothing: "
                                   "nothing was changed")
                        .arg(name)
                        .arg(state->owned));
    return QStringLiteral("role %1 exists").arg(name);
}

// The SCRAM-SHA-256 verifier of the password as an SQL literal: the password itself never
// reaches the server (nor its log).
Result<QByteArray> passwordLiteral(PgConnection& pg, const QString& login,
                                   const SecretBytes& password)
{
    QByteArray plain = password.toByteArrayForApi();
    const QByteArray user = login.toUtf8();
    char* verifier =
        PQencryptPasswordConn(pg.raw(), plain.constData(), user.constData(), "scram-sha-256");
    SecretBytes::wipe(plain);
    if (!verifier)
        return fail(ErrorCode::Crypto, QStringLiteral("the password's SCRAM verifier could not "
                                                      "be computed"));
    char* literal = PQescapeLiteral(pg.raw(), verifier, qstrlen(verifier));
    PQfreemem(verifier);
    if (!literal)
        return fail(ErrorCode::Internal, QStringLiteral("the password could not be quoted"));
    QByteArray out(literal);
    PQfreemem(literal);
    return out;
}

} // namespace

Result<AdminService::RoleReport> AdminService::initRoles(const QString& login,
                                                         const SecretBytes& password)
{
    static const QRegularExpression identifier(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (!identifier.match(login).hasMatch() || login.startsWith(u"pg_") || login == u"pos_owner" ||
        login == u"pos_app" || login == u"postgres")
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the login role's name is 1 to 63 lower-case letters, digits "
                                   "or '_', and not pos_owner, pos_app, postgres or pg_*"));
    if (auto p = CredentialHash::checkPasswordPolicy(password); !p)
        return std::unexpected(p.error());

    if (auto b = m_pg.begin(); !b)
        return std::unexpected(b.error());
    Transaction tx(m_pg);
    // No "is already a member" notices on the operator's terminal when run again.
    if (auto quiet = m_pg.execScript("SET LOCAL client_min_messages = warning"); !quiet)
        return std::unexpected(quiet.error());
    RoleReport report;
    for (const auto& [name, mayOwn] : {std::pair{QStringLiteral("pos_owner"), true},
                                       std::pair{QStringLiteral("pos_app"), false}}) {
        auto line = ensureGroupRole(m_pg, name, mayOwn);
        if (!line)
            return std::unexpected(line.error());
        report.lines.append(*line);
    }
    // pos_owner creates the schema `pos` in this database (`admin migrate`).
    if (auto g = m_pg.execScript("DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO "
                                 "pos_owner', current_database()); END $$");
        !g)
        return std::unexpected(g.error());

    auto state = roleState(m_pg, login);
    if (!state)
        return std::unexpected(state.error());
    if (state->exists) {
        if (state->super || state->bypassRls || state->createRole)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("the role %1 is a superuser or has BYPASSRLS or CREATEROLE: "
                                       "the server's role may not, nothing was changed")
                            .arg(login));
        if (state->owned > 0)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("the role %1 owns %2 database objects; the server's role "
                                       "must own nothing: nothing was changed")
                            .arg(login)
                            .arg(state->owned));
        auto owner = m_pg.exec("SELECT pg_has_role($1, 'pos_owner', 'MEMBER')", {login.toUtf8()});
        if (!owner)
            return std::unexpected(owner.error());
        if (owner->boolean(0, 0))
            return fail(ErrorCode::Conflict,
                        QStringLiteral("the role %1 may act as pos_owner; the server's role may "
                                       "not: nothing was changed")
                            .arg(login));
    }
    auto literal = passwordLiteral(m_pg, login, password);
    if (!literal)
        return std::unexpected(literal.error());
    const QByteArray ident = login.toUtf8(); // checked above: a plain lower-case identifier
    QByteArray sql = (state->exists ? "ALTER ROLE " : "CREATE ROLE ") + ident +
                     " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT PASSWORD " +
                     *literal + "; GRANT pos_app TO " + ident;
    Status done = m_pg.execScript(sql);
    SecretBytes::wipe(sql);
    if (!done)
        return std::unexpected(done.error());
    report.lines.append(state->exists ? QStringLiteral("login %1 password changed").arg(login)
                                      : QStringLiteral("login %1 created").arg(login));
    report.lines.append(QStringLiteral("granted pos_app to %1").arg(login));
    if (auto c = tx.commit(); !c)
        return std::unexpected(c.error());
    qCInfo(lcRoles) << "database roles checked; login role" << login << "granted pos_app";
    return report;
}

} // namespace pos::server
