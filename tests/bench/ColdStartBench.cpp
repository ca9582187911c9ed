#include "Benches.h"
#include "Stats.h"

#include "store/Database.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QUuid>

namespace pos::bench {

namespace {

// Wall time from starting the child process to its "ready" line, in nanoseconds. The child reads
// the key and then the id of the cashier's live session from standard input.
qint64 runOnce(const QString& exe, const QStringList& args, const SecretBytes& key,
               const QUuid& session)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    child.start(exe, args);
    if (!child.waitForStarted())
        qFatal("cannot start %s", qPrintable(exe));
    SecretBytes hex = key.toHex();
    QByteArray line = hex.toByteArrayForApi() + '\n';
    child.write(line);
    SecretBytes::wipe(line);
    child.write(session.toString(QUuid::WithoutBraces).toLatin1() + '\n');
    child.closeWriteChannel();
    QByteArray got;
    while (!got.contains('\n') && child.waitForReadyRead(30000))
        got += child.readAllStandardOutput();
    const qint64 ns = t.nsecsElapsed();
    child.waitForFinished();
    if (!got.startsWith("ready"))
        qFatal("cold start child said '%s' / %s", got.constData(),
               child.readAllStandardError().constData());
    return ns;
}

} // namespace

void benchColdStart(BenchStore& store, const QString& childExe, QStringList& out)
{
    // The parent's connection stays open (as another register process would not): checkpoint so
    // the child reads a store without a long WAL, like a store after a clean shutdown.
    store.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::vector<qint64> ours, floor;
    for (int i = 0; i < 9; ++i) {
        floor.push_back(runOnce(childExe, {store.path, QStringLiteral("--bare")}, *store.key,
                                store.cashier.id));
        ours.push_back(runOnce(childExe, {store.path}, *store.key, store.cashier.id));
    }
    out << row(QStringLiteral("start to a usable counter (process start included)"),
               summarize(ours), summarize(floor));
}

} // namespace pos::bench
