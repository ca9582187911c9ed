// AUD-5 and AUTH-2: the owner exports the audit trail as a bundle and a CSV. Only with the
// permission audit.export and a fresh code from the authenticator app (a wrong one, or the one
// just used to sign in, is refused and leaves no file and no export row); the bundle verifies
// offline and holds the export's own row under its last checkpoint; the CSV parses back with one
// line per row and spreadsheet formulas made harmless; neither file holds a secret.
#include "audit/AuditExporter.h"

#include "../support/TestStaff.h"
#include "../support/TestStore.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "auth/Base32.h"
#include "auth/Totp.h"
#include "staff/AccessControl.h"
#include "staff/AuthService.h"
#include "staff/SetupService.h"
#include "store/RegisterSettings.h"
#include "store/StoreFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pos;

namespace {

const QDateTime Start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
const QString OwnerPassword = QStringLiteral("correct horse battery");

SecretBytes bytes(const QByteArray& b)
{
    QByteArray copy = b;
    return SecretBytes::takeFrom(copy);
}

QByteArray plain(const SecretBytes& s)
{
    return QByteArray(reinterpret_cast<const char*>(s.data()), static_cast<qsizetype>(s.size()));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// RFC 4180 read back: quoted cells with doubled quotes and line breaks inside, CRLF between rows.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(cell);
            cell.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            row.append(cell);
            rows.append(row);
            row.clear();
            cell.clear();
            ++i;
        } else {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
        row.append(cell);
        rows.append(row);
    }
    return rows;
}

QList<QJsonObject> parseBundle(const QByteArray& data)
{
    QList<QJsonObject> lines;
    for (const QByteArray& line : data.split('\n'))
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    return lines;
}

struct Fixture {
    Fixture()
        : clock(Start), staff(store.db(), store.keys()),
          auth(store.db(), store.keys(), test::TestStaff::pepperKeyName(), clock, ids,
               staff.registerId(), cheap()),
          exporter(store.db(), access, auth, clock)
    {
        auto key = Totp::generateSecret();
        totpKey = std::move(*key);
        ownerId = staff.addUser(Role::Owner, QStringLiteral("=SUM(A1:A9)"), QStringLiteral("1001"),
                                QString(), OwnerPassword, plain(totpKey));
    }
    static AuthService::Options cheap()
    {
        AuthService::Options o;
        o.hashParams = test::TestStaff::CheapHash;
        return o;
    }
    // The owner signs in as at the lock screen: password and the app's code of now.
    Session signInOwner()
    {
        auto s = auth.signIn(u"1001", bytes(OwnerPassword.toUtf8()), codeNow());
        if (!s)
            qFatal("owner sign-in failed: %s", qPrintable(s.error().message));
        return *s;
    }
    SecretBytes codeNow() { return std::move(*Totp::codeAt(totpKey, clock.nowUtc())); }
    // What the app shows once its next code is up.
    SecretBytes nextCode()
    {
        clock.advanceSecs(30);
        return codeNow();
    }
    // The app's next code, already accepted (one step ahead) before its time comes.
    SecretBytes codeAhead()
    {
        return std::move(*Totp::codeAt(totpKey, clock.nowUtc().addSecs(30)));
    }
    qint64 count(const char* sql) { return *store.db().scalar(sql); }
    QStringList filesIn(const QString& dir) { return QDir(dir).entryList(QDir::Files); }

    test::TestStore store;
    ManualClock clock;
    SequentialIdSource ids;
    test::TestStaff staff;
    AccessControl access{store.db()};
    AuthService auth;
    AuditExporter exporter;
    SecretBytes totpKey;
    qint64 ownerId = 0;
    QTemporaryDir out;
};

} // namespace

class TestAuditExport : public QObject {
    Q_OBJECT

private slots:
    void fileNames()
    {
        QCOMPARE(AuditExporter::fileBaseName(QStringLiteral("Till 1"), QDate(2026, 11, 21)),
                 QStringLiteral("audit-Till-1-2026-11-21"));
        QCOMPARE(AuditExporter::fileBaseName(QStringLiteral("../Kasse Süd/2"), QDate(2026, 1, 5)),
                 QStringLiteral("audit-Kasse-S-d-2-2026-01-05"));
        QCOMPARE(AuditExporter::fileBaseName(QStringLiteral("  "), QDate(2026, 1, 5)),
                 QStringLiteral("audit-register-2026-01-05"));
    }

    void refusedForEveryRoleWithoutTheRight_data()
    {
        QTest::addColumn<int>("role");
        QTest::newRow("manager") << static_cast<int>(Role::Manager);
        QTest::newRow("cashier") << static_cast<int>(Role::Cashier);
        QTest::newRow("auditor") << static_cast<int>(Role::Auditor);
    }
    void refusedForEveryRoleWithoutTheRight()
    {
        QFETCH(int, role);
        Fixture f;
        const Session s = f.staff.signIn(static_cast<Role>(role));
        auto files = f.exporter.exportTo(s, f.codeNow(), f.out.path());
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(files.error().message.contains(QStringLiteral("export the audit log")),
                 qPrintable(files.error().message));
        QVERIFY(f.filesIn(f.out.path()).isEmpty());
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'audit.export'"), 0);
        QCOMPARE(f.count("SELECT count(*) FROM audit_checkpoints WHERE reason = 'export'"), 0);
    }

    void refusedWithAnEndedSession()
    {
        Fixture f;
        const Session s = f.staff.sessionFor(f.ownerId);
        f.staff.endSession(s);
        auto files = f.exporter.exportTo(s, f.codeNow(), f.out.path());
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::Unauthenticated);
        QVERIFY(f.filesIn(f.out.path()).isEmpty());
    }

    void wrongOrReusedCodeWritesNothing()
    {
        Fixture f;
        const Session s = f.signInOwner();
        const qint64 rowsBefore = f.count("SELECT count(*) FROM audit_log");
        // The code that just signed the owner in is spent.
        auto files = f.exporter.exportTo(s, f.codeNow(), f.out.path());
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::InvalidInput);
        QVERIFY2(files.error().message.contains(QStringLiteral("used already")),
                 qPrintable(files.error().message));
        // A code that is not the app's.
        SecretBytes wrong = f.nextCode();
        wrong.data()[0] = static_cast<unsigned char>(wrong.data()[0] == '0' ? '1' : '0');
        files = f.exporter.exportTo(s, wrong, f.out.path());
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::InvalidInput);
        QVERIFY2(files.error().message.contains(QStringLiteral("not right")),
                 qPrintable(files.error().message));
        // No code at all.
        files = f.exporter.exportTo(s, SecretBytes(), f.out.path());
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::InvalidInput);

        QVERIFY(f.filesIn(f.out.path()).isEmpty());
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'audit.export'"), 0);
        QCOMPARE(f.count("SELECT count(*) FROM audit_checkpoints WHERE reason = 'export'"), 0);
        // The two wrong codes were counted as failures (the log has a row for each, nothing else
        // but those).
        QCOMPARE(f.count("SELECT count(*) FROM auth_events WHERE kind = 'failure'"), 2);
        QVERIFY(f.count("SELECT count(*) FROM audit_log") >= rowsBefore);
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action LIKE 'audit.%' AND seq > 0"),
                 0);
    }

    void failuresLockTheAccount()
    {
        Fixture f;
        const Session s = f.signInOwner();
        for (int i = 0; i < LockoutPolicy{}.threshold; ++i) {
            auto files = f.exporter.exportTo(s, bytes("000000"), f.out.path());
            QVERIFY(!files);
        }
        // Now even the right code (the app's next one) waits out the lock.
        auto files = f.exporter.exportTo(s, f.codeAhead(), f.out.path());
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::Locked);
        QVERIFY(f.filesIn(f.out.path()).isEmpty());
    }

    void anOwnerWithoutAnAuthenticatorIsRefused()
    {
        Fixture f;
        const qint64 other = f.staff.addUser(Role::Owner, QStringLiteral("Otto"));
        const Session s = f.staff.sessionFor(other);
        auto files = f.exporter.exportTo(s, f.codeNow(), f.out.path());
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(files.error().message.contains(QStringLiteral("authenticator")),
                 qPrintable(files.error().message));
        QVERIFY(f.filesIn(f.out.path()).isEmpty());
    }

    void goodExportWritesBothFiles()
    {
        Fixture f;
        const Session s = f.signInOwner();
        // Staff whose names a spreadsheet would run, acting in rows of their own.
        Database& db = f.store.db();
        for (const QString& name : {QStringLiteral("+Plus"), QStringLiteral("-Minus"),
                                    QStringLiteral("@At"), QStringLiteral("Ann, \"the\" boss")}) {
            const qint64 id = f.staff.addUser(Role::Manager, name);
            auto tx = Transaction::begin(db);
            QVERIFY(tx);
            QVERIFY(
                audit::record(db, AuditEntry{id,
                                             f.ownerId,
                                             QStringLiteral("test.note"),
                                             audit::entity("user", id),
                                             {},
                                             {{QStringLiteral("line"), QStringLiteral("a\nb")}}}));
            QVERIFY(tx->commit());
        }
        const qint64 rowsBefore = f.count("SELECT count(*) FROM audit_log");

        QList<std::pair<qint64, qint64>> progress;
        auto files = f.exporter.exportTo(s, f.nextCode(), f.out.filePath(QStringLiteral("new")),
                                         [&](qint64 done, qint64 total) {
                                             progress.append({done, total});
                                             return true;
                                         });
        QVERIFY2(files, files ? "" : qPrintable(files.error().message));
        QCOMPARE(files->rows, rowsBefore + 2); // the second factor's row, the export's own row
        QCOMPARE(files->registerIds, QStringList{f.staff.registerId()});
        QCOMPARE(QFileInfo(files->bundlePath).fileName(),
                 QStringLiteral("audit-Till-1-2026-03-02.posaudit"));
        QCOMPARE(QFileInfo(files->csvPath).fileName(),
                 QStringLiteral("audit-Till-1-2026-03-02.csv"));
        QVERIFY(!progress.isEmpty());
        QVERIFY(progress.last() == std::make_pair(files->rows, files->rows));
        for (const QString& path : {files->bundlePath, files->csvPath}) {
            const auto perms = QFile::permissions(path);
            QVERIFY(perms.testFlag(QFileDevice::ReadOwner));
            QVERIFY2(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                QFileDevice::WriteGroup | QFileDevice::WriteOther)),
                     qPrintable(path));
        }
        QCOMPARE(f.filesIn(QFileInfo(files->bundlePath).path()).size(), 2);

        // The export is in the log: one row, and a checkpoint over it; the code asked again is
        // its own row (an unlock in auth_events, auth.second_factor in the audit log).
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'audit.export'"), 1);
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'auth.second_factor'"), 1);
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'auth.unlock'"), 0);
        QCOMPARE(f.count("SELECT count(*) FROM audit_checkpoints WHERE reason = 'export'"), 1);

        // The bundle: header, every row, every checkpoint; the last one covers the export row.
        const QList<QJsonObject> lines = parseBundle(readAll(files->bundlePath));
        QVERIFY(!lines.isEmpty());
        const QJsonObject header = lines.first();
        QCOMPARE(header.value(QStringLiteral("format")).toString(),
                 QStringLiteral("pos-audit-bundle"));
        QCOMPARE(header.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(header.value(QStringLiteral("exported_by")).toString(),
                 QString::number(f.ownerId));
        const QJsonObject reg =
            header.value(QStringLiteral("registers")).toArray().first().toObject();
        QCOMPARE(reg.value(QStringLiteral("public_key")).toString(),
                 QString::fromLatin1(db.auditLog()->publicKey().toBase64()));
        qint64 rows = 0;
        QJsonObject exportRow, lastCheckpoint;
        for (const QJsonObject& line : lines.mid(1)) {
            if (line.value(QStringLiteral("type")).toString() == QStringLiteral("row")) {
                QCOMPARE(line.value(QStringLiteral("seq")).toInteger(), rows);
                ++rows;
                if (line.value(QStringLiteral("action")).toString() ==
                    QStringLiteral("audit.export"))
                    exportRow = line;
            } else {
                QCOMPARE(line.value(QStringLiteral("type")).toString(),
                         QStringLiteral("checkpoint"));
                lastCheckpoint = line;
            }
        }
        QCOMPARE(rows, files->rows);
        QCOMPARE(exportRow.value(QStringLiteral("actor")).toString(), QString::number(f.ownerId));
        const QJsonObject after =
            QJsonDocument::fromJson(exportRow.value(QStringLiteral("after")).toString().toUtf8())
                .object();
        QCOMPARE(after.value(QStringLiteral("rows")).toInteger(), files->rows);
        QCOMPARE(after.value(QStringLiteral("files")).toArray().size(), 2);
        QCOMPARE(after.value(QStringLiteral("files")).toArray().first().toString(),
                 QFileInfo(files->bundlePath).fileName()); // the name only, no folder
        QCOMPARE(lastCheckpoint.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("export"));
        QCOMPARE(lastCheckpoint.value(QStringLiteral("row_count")).toInteger(), files->rows);
        QCOMPARE(lastCheckpoint.value(QStringLiteral("head_hash")).toString(),
                 exportRow.value(QStringLiteral("hash")).toString());

        // It verifies with nothing but the file, against the register's own key.
        auto verdicts = AuditVerifier::verifyBundle(files->bundlePath, db.auditLog()->publicKey());
        QVERIFY2(verdicts, verdicts ? "" : qPrintable(verdicts.error().message));
        QCOMPARE(verdicts->size(), 1);
        QVERIFY2(verdicts->first().intact(), qPrintable(verdicts->first().explanation));
        QCOMPARE(verdicts->first().rowsVerified, files->rows);

        // The CSV: a header and one line per row; formulas neutralised, quotes and breaks kept.
        QByteArray csvBytes = readAll(files->csvPath);
        QVERIFY(csvBytes.startsWith("\xEF\xBB\xBF"));
        const QList<QStringList> csv = parseCsv(QString::fromUtf8(csvBytes.mid(3)));
        QCOMPARE(csv.size(), files->rows + 1);
        QCOMPARE(csv.first(), (QStringList{QStringLiteral("seq"), QStringLiteral("time"),
                                           QStringLiteral("register"), QStringLiteral("actor"),
                                           QStringLiteral("approver"), QStringLiteral("action"),
                                           QStringLiteral("entity"), QStringLiteral("before"),
                                           QStringLiteral("after"), QStringLiteral("hash")}));
        QStringList actors, approvers;
        for (const QStringList& line : csv.mid(1)) {
            QCOMPARE(line.size(), 10);
            actors.append(line[3]);
            approvers.append(line[4]);
            QCOMPARE(line[2], QStringLiteral("Till 1"));
        }
        QVERIFY(actors.contains(QStringLiteral("'+Plus")));
        QVERIFY(actors.contains(QStringLiteral("'-Minus")));
        QVERIFY(actors.contains(QStringLiteral("'@At")));
        QVERIFY(actors.contains(QStringLiteral("Ann, \"the\" boss")));
        QVERIFY(approvers.contains(QStringLiteral("'=SUM(A1:A9)")));
        QVERIFY(!actors.contains(QStringLiteral("=SUM(A1:A9)")));
        const QStringList exportLine = csv.last();
        QCOMPARE(exportLine[5], QStringLiteral("audit.export"));
        QCOMPARE(exportLine[3], QStringLiteral("'=SUM(A1:A9)"));
        QCOMPARE(exportLine[9], exportRow.value(QStringLiteral("hash")).toString());
        bool sawBreak = false;
        for (const QStringList& line : csv)
            sawBreak = sawBreak || line[8] == QStringLiteral("{\"line\":\"a\\nb\"}");
        QVERIFY(sawBreak);

        // No secret in either file.
        const QByteArray both = readAll(files->bundlePath) + csvBytes;
        const QByteArray base32 = plain(Base32::encode(f.totpKey));
        QList<QByteArray> secrets{OwnerPassword.toUtf8(),          base32,
                                  plain(f.totpKey).toHex(),        plain(f.totpKey).toBase64(),
                                  plain(f.staff.pepper()).toHex(), QByteArray("scrypt")};
        auto signingKey = f.store.keys().read(AuditLog::keyNameFor(f.staff.registerId()));
        QVERIFY(signingKey);
        secrets << plain(*signingKey).toHex() << plain(*signingKey).toBase64();
        for (const QByteArray& secret : std::as_const(secrets))
            QVERIFY2(!both.contains(secret), secret.left(6).constData());
    }

    void cancelLeavesNoFileAndSaysSo()
    {
        Fixture f;
        const Session s = f.signInOwner();
        auto files = f.exporter.exportTo(s, f.nextCode(), f.out.path(),
                                         [](qint64, qint64) { return false; });
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::Conflict);
        QVERIFY2(files.error().message.contains(QStringLiteral("cancelled")),
                 qPrintable(files.error().message));
        QVERIFY2(f.filesIn(f.out.path()).isEmpty(), qPrintable(f.filesIn(f.out.path()).join(u' ')));
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'audit.export'"), 1);
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'audit.export_cancelled' "
                         "AND seq = (SELECT max(seq) FROM audit_log)"),
                 1);
    }

    void aFolderThatCannotBeWrittenCostsNoCode()
    {
        Fixture f;
        const Session s = f.signInOwner();
        const QString file = f.out.filePath(QStringLiteral("not-a-folder"));
        QFile blocker(file);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const SecretBytes code = f.nextCode();
        auto files = f.exporter.exportTo(s, code, file);
        QVERIFY(!files);
        QCOMPARE(files.error().code, ErrorCode::Io);
        QCOMPARE(f.count("SELECT count(*) FROM audit_log WHERE action = 'audit.export'"), 0);
        // The code was not spent: it still exports into a good folder.
        files = f.exporter.exportTo(s, code, f.out.path());
        QVERIFY2(files, files ? "" : qPrintable(files.error().message));
    }

    // A store set up by the first-run wizard's service: the bundle tells its story from the
    // genesis on (set-up starts the register's chain and records what it made).
    void aNewStoreExportsItsWholeStory()
    {
        QTemporaryDir dir;
        MemoryKeyStore keys;
        auto db = StoreFile::openOrCreate(dir.filePath(QStringLiteral("register.db")), keys);
        QVERIFY(db);
        QVERIFY((*db)->auditLog() == nullptr);
        ManualClock clock(Start);
        SequentialIdSource ids;
        AuthService::Options cheap;
        cheap.hashParams = test::TestStaff::CheapHash;
        AuthService auth(**db, keys, QStringLiteral("pin-pepper"), clock, ids, QString(), cheap);
        SetupService setup(**db, auth, clock, ids);
        SetupRequest r;
        r.companyName = QStringLiteral("Corner Ltd");
        r.storeName = QStringLiteral("Main Street");
        r.registerName = QStringLiteral("Till 1");
        r.currency = QStringLiteral("EUR");
        r.ownerName = QStringLiteral("Olivia Owner");
        r.ownerCode = QStringLiteral("1001");
        r.ownerPassword = bytes(OwnerPassword.toUtf8());
        r.totpSecret = std::move(*SetupService::newTotpSecret());
        const SecretBytes key(r.totpSecret.data(), r.totpSecret.size());
        r.totpCode = *Totp::codeAt(key, clock.nowUtc());
        auto session = setup.run(r);
        QVERIFY2(session, session ? "" : qPrintable(session.error().message));
        QVERIFY((*db)->auditLog() != nullptr);
        QCOMPARE((*db)->auditLog()->registerId(), auth.registerId());
        QVERIFY(keys.read(AuditLog::keyNameFor(auth.registerId())));

        AccessControl access(**db);
        AuditExporter exporter(**db, access, auth, clock);
        clock.advanceSecs(30);
        QTemporaryDir out;
        auto files = exporter.exportTo(*session, *Totp::codeAt(key, clock.nowUtc()), out.path());
        QVERIFY2(files, files ? "" : qPrintable(files.error().message));
        const QList<QJsonObject> lines = parseBundle(readAll(files->bundlePath));
        QStringList actions;
        for (const QJsonObject& line : lines)
            if (line.value(QStringLiteral("type")).toString() == QStringLiteral("row"))
                actions.append(line.value(QStringLiteral("action")).toString());
        QVERIFY2(actions.size() >= 4, qPrintable(actions.join(u' ')));
        QCOMPARE(actions[0], QStringLiteral("audit.genesis"));
        QCOMPARE(actions[1], QStringLiteral("setup.completed"));
        QCOMPARE(actions[2], QStringLiteral("staff.created"));
        QCOMPARE(actions.last(), QStringLiteral("audit.export"));
        const QJsonObject setupRow = lines[2];
        QCOMPARE(setupRow.value(QStringLiteral("after")).toString(),
                 QStringLiteral("{\"company\":\"Corner Ltd\",\"currency\":\"EUR\",\"register\":"
                                "\"Till 1\",\"store\":\"Main Street\"}"));
        QVERIFY(!readAll(files->bundlePath).contains(OwnerPassword.toUtf8()));
        auto verdicts = AuditVerifier::verifyBundle(files->bundlePath);
        QVERIFY2(verdicts, verdicts ? "" : qPrintable(verdicts.error().message));
        QVERIFY(verdicts->first().intact());
    }
};

QTEST_GUILESS_MAIN(TestAuditExport)
#include "tst_auditexport.moc"
