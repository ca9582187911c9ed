#include "customers/CustomerService.h"

#include "audit/AuditActions.h"
#include "audit/AuditLog.h"
#include "staff/AccessControl.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QLoggingCategory>

// Never log a customer's name, phone, e-mail or notes: ids only.
Q_LOGGING_CATEGORY(lcCustomers, "pos.customers")

namespace pos {

namespace {

constexpr qsizetype MaxName = 200;
constexpr qsizetype MaxPhone = 32;
constexpr qsizetype MaxEmail = 254;
constexpr qsizetype MaxNotes = 2000;
constexpr int MaxLimit = 500;
// A phone search needs at least this many digits, so that "12" does not list everyone.
constexpr qsizetype MinPhoneDigits = 3;

bool hasControl(QStringView s, bool allowNewlines)
{
    for (QChar c : s) {
        if (allowNewlines && (c == u'\n' || c == u'\t'))
            continue;
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

QString digitsOf(QStringView s)
{
    QString out;
    for (QChar c : s) {
        if (c >= u'0' && c <= u'9')
            out.append(c);
    }
    return out;
}

// Loose on purpose: digits with the usual separators and an optional leading '+'.
bool phoneLooksValid(QStringView phone)
{
    if (phone.size() > MaxPhone)
        return false;
    for (qsizetype i = 0; i < phone.size(); ++i) {
        const QChar c = phone[i];
        const bool ok = (c >= u'0' && c <= u'9') || c == u' ' || c == u'-' || c == u'(' ||
                        c == u')' || c == u'/' || c == u'.' || (c == u'+' && i == 0);
        if (!ok)
            return false;
    }
    return digitsOf(phone).size() >= 5;
}

bool emailLooksValid(QStringView email)
{
    if (email.size() > MaxEmail)
        return false;
    for (QChar c : email) {
        if (c.isSpace() || c.unicode() < 0x20)
            return false;
    }
    const qsizetype at = email.indexOf(u'@');
    if (at <= 0 || at != email.lastIndexOf(u'@'))
        return false;
    const QStringView domain = email.sliced(at + 1);
    const qsizetype dot = domain.lastIndexOf(u'.');
    return dot > 0 && dot < domain.size() - 1;
}

// LIKE pattern for "starts with text" with %, _ and the escape itself taken literally.
QString likePrefix(QStringView text)
{
    QString out;
    for (QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            out.append(u'\\');
        out.append(c);
    }
    return out + u'%';
}

Customer readCustomer(const Query& q)
{
    return Customer{q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)};
}

} // namespace

CustomerService::CustomerService(Database& db, AccessControl& access, const Clock& clock,
                                 IdSource& ids)
    : m_db(db), m_access(access), m_clock(clock), m_ids(ids)
{}

Result<qint64> CustomerService::add(const Session& session, const Customer& customer)
{
    if (auto s = m_access.require(session, Permission::CustomersEdit); !s)
        return std::unexpected(s.error());
    // Messages name the field and the rule, never the value (personal data).
    const QString name = customer.name.trimmed();
    const QString phone = customer.phone.trimmed();
    const QString email = customer.email.trimmed();
    const QString notes = customer.notes.trimmed();
    if (name.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the customer's name is empty"));
    if (name.size() > MaxName || hasControl(name, false))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the customer's name must be 1 to %1 characters of text "
                                   "without control characters")
                        .arg(MaxName));
    if (!phone.isEmpty() && !phoneLooksValid(phone))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the customer's phone number is not valid (use at least 5 "
                                   "digits with spaces, '-', '/', '(', ')' and an optional "
                                   "leading '+'; at most %1 characters)")
                        .arg(MaxPhone));
    if (!email.isEmpty() && !emailLooksValid(email))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the customer's e-mail address is not valid (expected "
                                   "name@domain.tld without spaces)"));
    if (notes.size() > MaxNotes || hasControl(notes, true))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the customer's notes must be at most %1 characters without "
                                   "control characters")
                        .arg(MaxNotes));

    const QString uuid = m_ids.newId().toString(QUuid::WithoutBraces);
    auto q = m_db.query("INSERT INTO customers (uuid, name, phone, email, notes, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, uuid).bind(2, name);
    q->bind(3, phone.isEmpty() ? QString() : phone);
    q->bind(4, email.isEmpty() ? QString() : email);
    q->bind(5, notes.isEmpty() ? QString() : notes);
    q->bind(6, m_clock.nowUtc().toUTC().toString(Qt::ISODateWithMs));
    if (auto s = q->run(); !s)
        return fail(s.error().code,
                    QStringLiteral("saving a new customer failed: ") + s.error().message);
    const qint64 id = m_db.lastInsertRowId();
    return id;
}

Result<Customer> CustomerService::find(const Session& session, qint64 id)
{
    if (auto s = m_access.require(session, Permission::CustomersView); !s)
        return std::unexpected(s.error());
    // PRIV-3: handing out a customer's contact details is an audited event; the row and the
    // read are one transaction, so nothing is shown that was not recorded.
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    Customer found;
    {
        auto q =
            m_db.query("SELECT id, uuid, name, phone, email, notes FROM customers WHERE id = ?1");
        if (!q)
            return std::unexpected(q.error());
        q->bind(1, id);
        auto row = q->next();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorCode::NotFound, QStringLiteral("there is no customer %1").arg(id));
        found = readCustomer(*q);
    }
    if (auto s = audit::record(m_db, AuditEntry{session.userId,
                                                0,
                                                auditaction::CustomerViewed,
                                                audit::entity("customer", id),
                                                {},
                                                {}});
        !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    return found;
}

Result<QList<Customer>> CustomerService::search(const Session& session, QStringView nameOrPhone,
                                                int limit)
{
    if (auto s = m_access.require(session, Permission::CustomersView); !s)
        return std::unexpected(s.error());
    QList<Customer> out;
    const QStringView text = nameOrPhone.trimmed();
    if (text.isEmpty() || limit <= 0)
        return out;
    const QString digits = digitsOf(text);
    bool phoneLike = digits.size() >= MinPhoneDigits;
    for (QChar c : text) {
        if (!(c.isDigit() || c == u' ' || c == u'+' || c == u'-' || c == u'(' || c == u')' ||
              c == u'/' || c == u'.'))
            phoneLike = false;
    }
    // Name: the whole name or any of its words starts with the text (ASCII case-insensitive, as
    // SQLite's LIKE). Phone: the typed digits appear in the stored number's digits. A linear scan
    // of the customers table, which stays in the tens of thousands for a shop.
    auto q = m_db.query(
        "SELECT id, uuid, name, phone, email, notes FROM customers "
        "WHERE (?3 = 0 AND (name LIKE ?1 ESCAPE '\\' OR name LIKE '% ' || ?1 ESCAPE '\\')) "
        "OR (?3 = 1 AND instr(replace(replace(replace(replace(replace(replace(ifnull(phone, ''), "
        "' ', ''), '-', ''), '(', ''), ')', ''), '/', ''), '.', ''), ?2) > 0) "
        "ORDER BY name, id LIMIT ?4");
    if (!q)
        return std::unexpected(q.error());
    q->bind(1, likePrefix(text)).bind(2, digits).bind(3, phoneLike);
    q->bind(4, std::min(limit, MaxLimit));
    // PRIV-3: the customers whose details a search shows are recorded, by id; the search text is
    // not (it may be a phone number).
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto rows = q->forEach([&] { out.append(readCustomer(*q)); }); !rows)
        return std::unexpected(rows.error());
    if (out.isEmpty())
        return out; // nobody's data was shown: nothing to record
    QJsonArray ids;
    for (const Customer& c : std::as_const(out))
        ids.append(c.id);
    const QJsonObject after{
        {QStringLiteral("by"), phoneLike ? QStringLiteral("phone") : QStringLiteral("name")},
        {QStringLiteral("customer_ids"), ids}};
    if (auto s = audit::record(m_db, AuditEntry{session.userId,
                                                0,
                                                auditaction::CustomerSearched,
                                                QStringLiteral("customer:search"),
                                                {},
                                                after});
        !s)
        return std::unexpected(s.error());
    if (auto s = tx->commit(); !s)
        return std::unexpected(s.error());
    return out;
}

Result<qint64> CustomerService::count(const Session& session)
{
    if (auto s = m_access.require(session, Permission::CustomersView); !s)
        return std::unexpected(s.error());
    return m_db.scalar("SELECT count(*) FROM customers");
}

} // namespace pos
