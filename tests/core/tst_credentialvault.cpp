// ENC-5: the integration credentials vault. Only owners (integrations.manage) list, set, clear
// or use a credential, and a refusal changes nothing; every field is sealed on its own under the
// vault's field key (not the database key) and bound to its company, integration and field, so
// the store never holds a value in clear and a sealed value moved to another field does not
// open; a wrong or missing field key is a clear error that loses nothing; every change and every
// use is an audit row that never holds the value; the list shows only masked values.
#include "RoleTable.h"
#include "TestStaff.h"
#include "TestStore.h"

#include "crypto/Aead.h"
#include "staff/AccessControl.h"
#include "store/StoreFile.h"
#include "vault/CredentialVault.h"
#include "vault/Integrations.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace pos;

namespace {

const QString Payment = QStringLiteral("payment");
const QString ApiKey = QStringLiteral("api_key");
const QString Webhook = QStringLiteral("webhook_secret");
const QByteArray ApiKeyValue = "sk_live_51Hq3kT9vWzEXAMPLEb7c2";
const QByteArray WebhookValue = "whsec_Zt8Q0pRmN4sEXAMPLEk1";
const QByteArray HostValue = "smtp.mailhost.example.com:587";

SecretBytes secret(const QByteArray& text)
{
    QByteArray copy = text;
    return SecretBytes::takeFrom(copy);
}

QByteArray bytesOf(const SecretBytes& s)
{
    return QByteArray(reinterpret_cast<const char*>(s.data()), qsizetype(s.size()));
}

// The error code of a result, or Internal when it succeeded (so a wrong success fails a compare).
template <class R> ErrorCode errorOf(const R& result)
{
    return result ? ErrorCode::Internal : result.error().code;
}

struct Fixture {
    test::TestStore store;
    test::TestStaff staff{store.db(), store.keys()};
    AccessControl access{store.db()};
    ManualClock clock{QDateTime(QDate(2026, 11, 21), QTime(9, 30), Qt::UTC)};
    const QString keyName = CredentialVault::fieldKeyNameFor(store.path());
    CredentialVault vault{store.db(), access, store.keys(), keyName, clock};
    Session owner = staff.signIn(Role::Owner, QStringLiteral("Ada"));

    Database& db() { return store.db(); }
    Session signIn(Role role) { return staff.signIn(role); }
    void endSession(const Session& s) { staff.endSession(s); }

    Status set(const QString& integration, const QString& field, const QByteArray& value)
    {
        return vault.set(owner, integration, field, secret(value));
    }
    // What use() hands over, or the error.
    Result<QByteArray> open(const QString& integration, const QString& field)
    {
        QByteArray seen;
        auto s = vault.use(owner, integration, field, [&](const SecretBytes& v) -> Status {
            seen = bytesOf(v);
            return {};
        });
        if (!s)
            return std::unexpected(s.error());
        return seen;
    }
    QByteArray sealedOf(const QString& integration, const QString& field)
    {
        auto q = db().query("SELECT sealed FROM integration_credentials "
                            "WHERE integration = ?1 AND field = ?2");
        q->bind(1, integration).bind(2, field);
        auto row = q->next();
        return row && *row ? q->blob(0) : QByteArray();
    }
    QString company()
    {
        auto q = db().query("SELECT uuid FROM companies WHERE id = ?1");
        q->bind(1, staff.companyId);
        auto row = q->next();
        return row && *row ? q->text(0) : QString();
    }
    qint64 count(const char* sql) { return db().scalar(sql).value_or(-1); }
};

// Every column of every row of every table as text (blobs also in hex): where a value in clear
// would show up.
QByteArray wholeStore(Database& db)
{
    QByteArray out;
    QStringList tables;
    auto t = db.query("SELECT name FROM sqlite_master WHERE type = 'table'");
    if (!t || !t->forEach([&] { tables << t->text(0); }))
        return {};
    for (const QString& table : std::as_const(tables)) {
        QStringList columns;
        const QByteArray pragma = "PRAGMA table_info(\"" + table.toUtf8() + "\")";
        auto c = db.query(pragma.constData());
        if (!c || !c->forEach([&] { columns << c->text(1); }))
            return {};
        for (const QString& column : std::as_const(columns)) {
            const QByteArray sql = "SELECT CAST(\"" + column.toUtf8() + "\" AS BLOB), hex(\"" +
                                   column.toUtf8() + "\") FROM \"" + table.toUtf8() + '"';
            auto q = db.query(sql.constData());
            if (!q || !q->forEach([&] { out += q->blob(0) + '\n' + q->blob(1) + '\n'; }))
                return {};
        }
    }
    return out;
}

struct VaultAuditRow {
    QString actor, action, entity, before, after;
};

QList<VaultAuditRow> auditRows(Database& db, const QString& action)
{
    QList<VaultAuditRow> out;
    auto q = db.query("SELECT actor, action, entity, before_json, after_json FROM audit_log "
                      "WHERE action LIKE ?1 ORDER BY seq");
    q->bind(1, action);
    auto s = q->forEach([&] {
        out.append({q->text(0), q->text(1), q->text(2), q->text(3), q->text(4)});
    });
    return s ? out : QList<VaultAuditRow>{};
}

const CredentialFieldState* stateOf(const QList<IntegrationState>& list, const QString& integration,
                                    const QString& field)
{
    for (const IntegrationState& i : list)
        if (i.name == integration)
            for (const CredentialFieldState& f : i.fields)
                if (f.field == field)
                    return &f;
    return nullptr;
}

QMutex g_logMutex;
QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext& ctx, const QString& msg)
{
    QMutexLocker lock(&g_logMutex);
    g_log << QString::fromUtf8(ctx.category ? ctx.category : "") + u' ' + msg;
}

// Captures every message (debug and info too) while it lives.
struct LogCapture {
    LogCapture()
        : previous(qInstallMessageHandler(captureLog)),
          filter(QLoggingCategory::installFilter([](QLoggingCategory* c) {
              c->setEnabled(QtDebugMsg, true);
              c->setEnabled(QtInfoMsg, true);
          }))
    {
        g_log.clear();
    }
    ~LogCapture()
    {
        QLoggingCategory::installFilter(filter);
        qInstallMessageHandler(previous);
    }
    QtMessageHandler previous;
    QLoggingCategory::CategoryFilter filter;
};

using Table = test::RoleTable<Fixture>;

const Table& table()
{
    using R = Role;
    static const Table t =
        Table()
            .add(QStringLiteral("vault.list"), {R::Owner},
                 [](Fixture& f, const Session& s) { return test::asStatus(f.vault.list(s)); })
            .add(QStringLiteral("vault.set"), {R::Owner},
                 [](Fixture& f, const Session& s) {
                     return f.vault.set(s, Payment, ApiKey, secret(ApiKeyValue));
                 })
            .add(
                QStringLiteral("vault.clear"), {R::Owner},
                [](Fixture& f, const Session& s) { return f.vault.clear(s, Payment, ApiKey); },
                [](Fixture& f, const Session&) { QVERIFY(f.set(Payment, ApiKey, ApiKeyValue)); })
            .add(
                QStringLiteral("vault.use"), {R::Owner},
                [](Fixture& f, const Session& s) {
                    return f.vault.use(s, Payment, ApiKey,
                                       [](const SecretBytes&) -> Status { return {}; });
                },
                [](Fixture& f, const Session&) { QVERIFY(f.set(Payment, ApiKey, ApiKeyValue)); });
    return t;
}

} // namespace

class TestCredentialVault : public QObject {
    Q_OBJECT

private slots:
    void roles_data() { table().addRows(); }
    void roles()
    {
        Fixture f;
        table().verifyRow(f);
    }

    // A manager's refused set() makes no field key either: nothing is touched before the check.
    void refusalMakesNoFieldKey()
    {
        Fixture f;
        const Session manager = f.signIn(Role::Manager);
        auto s = f.vault.set(manager, Payment, ApiKey, secret(ApiKeyValue));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(errorOf(f.store.keys().read(f.keyName)), ErrorCode::NotFound);
    }

    // The field key is made on the first set(), is 256 bits, and is not the database key.
    void fieldKeyIsSeparate()
    {
        Fixture f;
        QCOMPARE(errorOf(f.store.keys().read(f.keyName)), ErrorCode::NotFound);
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        auto key = f.store.keys().read(f.keyName);
        QVERIFY(key);
        QCOMPARE(key->size(), Aead::KeySize);
        auto dbKey = f.store.keys().read(StoreFile::keyNameFor(f.store.path()));
        QVERIFY(dbKey);
        QVERIFY(!key->equals(*dbKey));
        QVERIFY(f.keyName.startsWith(QStringLiteral("vault-field-key-")));
        QCOMPARE(f.keyName.mid(16), StoreFile::keyNameFor(f.store.path()).mid(10));
    }

    // The sealed column holds no value in clear, nor does any other column of the store; it opens
    // with the field key and its own AAD only.
    void storedSealedNotInClear()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.set(QStringLiteral("email"), QStringLiteral("smtp_host"), HostValue));
        const QByteArray sealed = f.sealedOf(Payment, ApiKey);
        QCOMPARE(sealed.size(), ApiKeyValue.size() + qsizetype(Aead::Overhead));
        QVERIFY(!sealed.contains(ApiKeyValue));
        const QByteArray all = wholeStore(f.db());
        QVERIFY(all.contains("integration:payment/api_key")); // the search does see the store
        QVERIFY(!all.contains(ApiKeyValue));
        QVERIFY(!all.contains(ApiKeyValue.toHex().toUpper()));
        QVERIFY(!all.contains(HostValue));

        auto key = f.store.keys().read(f.keyName);
        QVERIFY(key);
        const QByteArray aad = CredentialVault::aadFor(f.company(), Payment, ApiKey);
        auto opened = Aead::open(*key, sealed, aad);
        QVERIFY(opened);
        QCOMPARE(bytesOf(*opened), ApiKeyValue);
        // Another field's AAD, another company's, the database key: none opens it.
        QCOMPARE(errorOf(Aead::open(*key, sealed,
                                    CredentialVault::aadFor(f.company(), Payment, Webhook))),
                 ErrorCode::WrongKeyOrDamaged);
        QVERIFY(
            !Aead::open(*key, sealed,
                        CredentialVault::aadFor(QUuid::createUuid().toString(), Payment, ApiKey)));
        auto dbKey = f.store.keys().read(StoreFile::keyNameFor(f.store.path()));
        QVERIFY(!Aead::open(*dbKey, sealed, aad));
        // And the same value set twice is sealed differently (a fresh nonce each time).
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.sealedOf(Payment, ApiKey) != sealed);
    }

    // A sealed value copied over another field with raw SQL does not open there; use() says so,
    // hands nothing over, and the fields stay as they are.
    void movedSealedValueRefused()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.set(Payment, Webhook, WebhookValue));
        auto q = f.db().query("UPDATE integration_credentials SET sealed = ?1 "
                              "WHERE integration = 'payment' AND field = 'webhook_secret'");
        q->bind(1, f.sealedOf(Payment, ApiKey));
        QVERIFY(q->run());
        const qint64 usedBefore = auditRows(f.db(), QStringLiteral("vault.used")).size();

        bool called = false;
        auto s = f.vault.use(f.owner, Payment, Webhook, [&](const SecretBytes&) -> Status {
            called = true;
            return {};
        });
        QVERIFY(!s);
        QVERIFY(!called);
        QCOMPARE(s.error().code, ErrorCode::WrongKeyOrDamaged);
        QVERIFY2(s.error().message.contains(QStringLiteral("Webhook secret")),
                 qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(QStringLiteral("damaged or was not sealed for this")),
                 qPrintable(s.error().message));
        QVERIFY(!s.error().message.toUtf8().contains(ApiKeyValue));
        QCOMPARE(auditRows(f.db(), QStringLiteral("vault.used")).size(), usedBefore);
        QCOMPARE(f.sealedOf(Payment, Webhook), f.sealedOf(Payment, ApiKey)); // left as it was
        QCOMPARE(f.open(Payment, ApiKey).value_or(QByteArray()), ApiKeyValue);
        // Setting it again repairs it.
        QVERIFY(f.set(Payment, Webhook, WebhookValue));
        QCOMPARE(f.open(Payment, Webhook).value_or(QByteArray()), WebhookValue);
    }

    // A different key in the key store: use() and set() refuse with a clear error naming the key
    // store, the store is not changed, and with the right key back everything opens again.
    void wrongFieldKey()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.set(QStringLiteral("email"), QStringLiteral("smtp_host"), HostValue));
        auto original = f.store.keys().read(f.keyName);
        QVERIFY(original);
        auto other = SecretBytes::random(32);
        QVERIFY(f.store.keys().write(f.keyName, *other));
        const auto snapshot = test::storeSnapshot(f.db());

        auto used = f.open(Payment, ApiKey);
        QVERIFY(!used);
        QCOMPARE(used.error().code, ErrorCode::WrongKeyOrDamaged);
        QVERIFY2(used.error().message.contains(f.store.keys().describe()),
                 qPrintable(used.error().message));
        QVERIFY2(used.error().message.contains(QStringLiteral("not the key")),
                 qPrintable(used.error().message));
        auto s = f.set(Payment, Webhook, WebhookValue);
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::WrongKeyOrDamaged);
        QCOMPARE(test::storeSnapshot(f.db()), snapshot);

        // The list still shows what is set; the host's tail cannot be shown.
        auto list = f.vault.list(f.owner);
        QVERIFY(list);
        const CredentialFieldState* host =
            stateOf(*list, QStringLiteral("email"), QStringLiteral("smtp_host"));
        QVERIFY(host && host->isSet && host->unreadable);
        QVERIFY(!host->masked.contains(QStringLiteral(":587")));

        QVERIFY(f.store.keys().write(f.keyName, *original));
        QCOMPARE(f.open(Payment, ApiKey).value_or(QByteArray()), ApiKeyValue);
        QCOMPARE(
            f.open(QStringLiteral("email"), QStringLiteral("smtp_host")).value_or(QByteArray()),
            HostValue);
    }

    // The field key gone from the key store: no new key is made over stored values (they would
    // never open again); use() and set() say the key is missing; clear() still works, so the owner
    // can start again.
    void missingFieldKey()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.store.keys().remove(f.keyName));
        auto used = f.open(Payment, ApiKey);
        QVERIFY(!used);
        QCOMPARE(used.error().code, ErrorCode::NotFound);
        QVERIFY2(used.error().message.contains(f.keyName), qPrintable(used.error().message));
        auto s = f.set(Payment, Webhook, WebhookValue);
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::NotFound);
        QCOMPARE(errorOf(f.store.keys().read(f.keyName)), ErrorCode::NotFound);
        QCOMPARE(f.count("SELECT count(*) FROM integration_credentials"), 1);

        QVERIFY(f.vault.clear(f.owner, Payment, ApiKey));
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue)); // a new key now
        QCOMPARE(f.open(Payment, ApiKey).value_or(QByteArray()), ApiKeyValue);
    }

    // A damaged sealed value (one byte changed): refused, nothing handed over, nothing changed.
    void damagedSealedValue()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.set(Payment, Webhook, WebhookValue));
        QByteArray sealed = f.sealedOf(Payment, ApiKey);
        sealed[20] = char(sealed[20] ^ 0x01);
        auto q = f.db().query("UPDATE integration_credentials SET sealed = ?1 "
                              "WHERE integration = 'payment' AND field = 'api_key'");
        q->bind(1, sealed);
        QVERIFY(q->run());
        auto used = f.open(Payment, ApiKey);
        QVERIFY(!used);
        QCOMPARE(used.error().code, ErrorCode::WrongKeyOrDamaged);
        QVERIFY2(used.error().message.contains(QStringLiteral("damaged")),
                 qPrintable(used.error().message));
        QCOMPARE(f.sealedOf(Payment, ApiKey), sealed);
        QCOMPARE(f.open(Payment, Webhook).value_or(QByteArray()), WebhookValue);
    }

    // Set, replace, use and clear each write their row, in order, naming the field and who; no
    // row holds the value.
    void everyChangeAudited()
    {
        Fixture f;
        const QByteArray replaced = "sk_live_REPLACEDvalue0042";
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.set(Payment, ApiKey, replaced));
        QCOMPARE(f.open(Payment, ApiKey).value_or(QByteArray()), replaced);
        QVERIFY(f.vault.clear(f.owner, Payment, ApiKey));

        const QList<VaultAuditRow> rows = auditRows(f.db(), QStringLiteral("vault.%"));
        QCOMPARE(rows.size(), 4);
        const QStringList actions{QStringLiteral("vault.set"), QStringLiteral("vault.set"),
                                  QStringLiteral("vault.used"), QStringLiteral("vault.cleared")};
        const QString owner = QString::number(f.owner.userId);
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].action, actions[i]);
            QCOMPARE(rows[i].entity, QStringLiteral("integration:payment/api_key"));
            QCOMPARE(rows[i].actor, owner);
        }
        QCOMPARE(rows[0].before, QStringLiteral(R"({"set":false})"));
        QCOMPARE(rows[0].after, QStringLiteral(R"({"set":true,"set_by":%1})").arg(owner));
        QCOMPARE(rows[1].before, QStringLiteral(R"({"set":true,"set_by":%1})").arg(owner));
        QCOMPARE(rows[3].before, QStringLiteral(R"({"set":true,"set_by":%1})").arg(owner));
        QCOMPARE(rows[3].after, QStringLiteral(R"({"set":false})"));

        // No audit row (and nothing else in the store) holds either value, in any encoding.
        const QByteArray all = wholeStore(f.db());
        for (const QByteArray& v : {ApiKeyValue, replaced}) {
            QVERIFY(!all.contains(v));
            QVERIFY(!all.contains(v.toHex().toUpper()));
            QVERIFY(!all.contains(v.toBase64()));
        }
    }

    // A use whose callback fails still leaves its audit row (the value was handed over).
    void useCallbackFailureReported()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        auto s = f.vault.use(f.owner, Payment, ApiKey, [](const SecretBytes&) -> Status {
            return fail(ErrorCode::Declined, QStringLiteral("the processor said no"));
        });
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::Declined);
        QCOMPARE(auditRows(f.db(), QStringLiteral("vault.used")).size(), 1);
    }

    // The list: every known integration and field; set ones with when and by whom; a secret only
    // as bullets; a non-secret at most its last 4 characters and never more than half of it.
    void maskedList()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        QVERIFY(f.set(Payment, QStringLiteral("merchant_id"), "M123"));
        QVERIFY(f.set(QStringLiteral("email"), QStringLiteral("smtp_host"), HostValue));
        QVERIFY(f.set(QStringLiteral("email"), QStringLiteral("password"), "hunter2hunter2"));
        auto list = f.vault.list(f.owner);
        QVERIFY(list);
        QCOMPARE(list->size(), Integrations::all().size());
        QStringList names;
        for (const IntegrationState& i : *list)
            names << i.name;
        QCOMPARE(names, QStringLiteral("payment sms accounting storefront email edi").split(u' '));

        const QString bullet(1, QChar(0x2022));
        const CredentialFieldState* key = stateOf(*list, Payment, ApiKey);
        QVERIFY(key && key->isSet && key->secret);
        QCOMPARE(key->masked, bullet.repeated(8));
        QCOMPARE(key->setBy, QStringLiteral("Ada"));
        QCOMPARE(key->setById, f.owner.userId);
        QCOMPARE(key->setAt, f.clock.nowUtc());
        const CredentialFieldState* webhook = stateOf(*list, Payment, Webhook);
        QVERIFY(webhook && !webhook->isSet && webhook->masked.isEmpty());
        QCOMPARE(stateOf(*list, QStringLiteral("email"), QStringLiteral("password"))->masked,
                 bullet.repeated(8));
        QCOMPARE(stateOf(*list, QStringLiteral("email"), QStringLiteral("smtp_host"))->masked,
                 bullet.repeated(4) + QStringLiteral(":587"));
        QCOMPARE(stateOf(*list, Payment, QStringLiteral("merchant_id"))->masked,
                 bullet.repeated(4) + QStringLiteral("23"));

        // No masked text holds 4 characters in a row of any secret value.
        for (const IntegrationState& i : *list)
            for (const CredentialFieldState& field : i.fields)
                for (const QByteArray& v : {ApiKeyValue, QByteArray("hunter2hunter2")})
                    for (qsizetype at = 0; at + 4 <= v.size(); ++at)
                        QVERIFY(!field.masked.contains(QString::fromUtf8(v.mid(at, 4))));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("integration");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("accepted");
        const QString shop = QStringLiteral("storefront");
        const QString url = QStringLiteral("shop_url");
        const QString email = QStringLiteral("email");
        const QString host = QStringLiteral("smtp_host");
        QTest::newRow("token") << Payment << ApiKey << ApiKeyValue << true;
        QTest::newRow("passphrase with spaces")
            << QStringLiteral("edi") << QStringLiteral("certificate_passphrase")
            << QByteArray("correct horse battery staple") << true;
        QTest::newRow("empty") << Payment << ApiKey << QByteArray() << false;
        QTest::newRow("too long") << Payment << ApiKey << QByteArray(513, 'k') << false;
        QTest::newRow("longest") << Payment << ApiKey << QByteArray(512, 'k') << true;
        QTest::newRow("newline") << Payment << ApiKey << QByteArray("sk_live\n123") << false;
        QTest::newRow("tab") << Payment << ApiKey << QByteArray("sk_live\t123") << false;
        QTest::newRow("DEL") << Payment << ApiKey
                             << QByteArray("sk_live\x7f"
                                           "123")
                             << false;
        QTest::newRow("C1 control") << Payment << ApiKey << QByteArray("sk_\xc2\x85live") << false;
        QTest::newRow("not UTF-8") << Payment << ApiKey << QByteArray("sk_\xff\xfelive") << false;
        QTest::newRow("umlaut") << email << QStringLiteral("password")
                                << QByteArray("Gr\xc3\xbc\xc3\x9f"
                                              "e!2026")
                                << true;
        QTest::newRow("https URL")
            << shop << url << QByteArray("https://shop.example.com/admin?x=1") << true;
        QTest::newRow("http URL") << shop << url << QByteArray("http://shop.example.com") << false;
        QTest::newRow("URL with password")
            << shop << url << QByteArray("https://me:pw@shop.example.com") << false;
        QTest::newRow("not a URL") << shop << url << QByteArray("shop example com") << false;
        QTest::newRow("URL without host") << shop << url << QByteArray("https:///path") << false;
        QTest::newRow("host") << email << host << QByteArray("smtp.example.com") << true;
        QTest::newRow("host:port") << email << host << HostValue << true;
        QTest::newRow("IPv6 and port") << email << host << QByteArray("[2001:db8::1]:465") << true;
        QTest::newRow("host with space")
            << email << host << QByteArray("smtp example.com") << false;
        QTest::newRow("host bad port")
            << email << host << QByteArray("smtp.example.com:99999") << false;
        QTest::newRow("host with scheme")
            << email << host << QByteArray("smtp://example.com") << false;
        QTest::newRow("unknown field")
            << Payment << QStringLiteral("pin") << QByteArray("1234") << false;
        QTest::newRow("unknown integration")
            << QStringLiteral("crypto") << ApiKey << QByteArray("1234") << false;
    }

    // Bad input: a clear InvalidInput that never repeats the value, and nothing stored.
    void validation()
    {
        QFETCH(QString, integration);
        QFETCH(QString, field);
        QFETCH(QByteArray, value);
        QFETCH(bool, accepted);
        Fixture f;
        auto s = f.set(integration, field, value);
        if (accepted) {
            QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
            QCOMPARE(f.open(integration, field).value_or(QByteArray()), value);
            return;
        }
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        if (value.size() >= 4)
            QVERIFY2(!s.error().message.toUtf8().contains(value), qPrintable(s.error().message));
        QCOMPARE(f.count("SELECT count(*) FROM integration_credentials"), 0);
        QCOMPARE(auditRows(f.db(), QStringLiteral("vault.%")).size(), 0);
    }

    // Every log line and every error message of a set, a use, a refused value, a wrong key and a
    // moved value: none holds a value or the field key (raw or hex).
    void nothingSecretInLogsOrErrors()
    {
        QStringList errors;
        auto note = [&](const Status& s) {
            if (!s)
                errors << s.error().message;
        };
        {
            LogCapture capture;
            Fixture f;
            note(f.set(Payment, ApiKey, ApiKeyValue));
            note(f.set(Payment, Webhook, WebhookValue));
            note(f.set(Payment, Webhook, WebhookValue + "\n"));
            note(f.set(QStringLiteral("storefront"), QStringLiteral("shop_url"),
                       "http://" + ApiKeyValue + ".example.com"));
            auto key = f.store.keys().read(f.keyName);
            QVERIFY(key);
            const QByteArray keyBytes(reinterpret_cast<const char*>(key->data()),
                                      qsizetype(key->size()));
            auto q = f.db().query("UPDATE integration_credentials SET sealed = ?1 "
                                  "WHERE field = 'webhook_secret'");
            q->bind(1, f.sealedOf(Payment, ApiKey));
            QVERIFY(q->run());
            note(test::asStatus(f.open(Payment, Webhook)));
            QVERIFY(f.store.keys().write(f.keyName, *SecretBytes::random(32)));
            note(test::asStatus(f.open(Payment, ApiKey)));
            note(f.set(Payment, Webhook, WebhookValue));
            QCOMPARE(errors.size(), 5);
            QVERIFY(g_log.join(u'\n').contains(QStringLiteral("pos.vault"))); // we did listen
            const QByteArray all = (g_log + errors).join(u'\n').toUtf8();
            for (const QByteArray& v : {ApiKeyValue, WebhookValue, keyBytes, keyBytes.toHex(),
                                        keyBytes.toHex().toUpper(), keyBytes.toBase64()})
                QVERIFY(!all.contains(v));
        }
    }

    void clearUnsetIsAnError()
    {
        Fixture f;
        auto s = f.vault.clear(f.owner, Payment, ApiKey);
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::NotFound);
        auto used = f.open(Payment, ApiKey);
        QVERIFY(!used);
        QCOMPARE(used.error().code, ErrorCode::NotFound);
        QCOMPARE(auditRows(f.db(), QStringLiteral("vault.%")).size(), 0);
    }

    // What was set opens again after the store is closed and reopened.
    void survivesReopen()
    {
        Fixture f;
        QVERIFY(f.set(Payment, ApiKey, ApiKeyValue));
        f.store.close();
        QVERIFY(f.store.reopen());
        AccessControl access(f.store.db());
        CredentialVault vault(f.store.db(), access, f.store.keys(), f.keyName, f.clock);
        QByteArray seen;
        QVERIFY(vault.use(f.owner, Payment, ApiKey, [&](const SecretBytes& v) -> Status {
            seen = bytesOf(v);
            return {};
        }));
        QCOMPARE(seen, ApiKeyValue);
    }
};

QTEST_GUILESS_MAIN(TestCredentialVault)
#include "tst_credentialvault.moc"
