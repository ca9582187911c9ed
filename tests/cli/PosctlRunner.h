#pragma once

// tst_posctl's operator: posctl run as a process with what a person would type on standard
// input, and the owner's authenticator app.

#include "auth/Base32.h"
#include "auth/Totp.h"

#include <QDateTime>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QThread>

#include <algorithm>

namespace pos::test {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

// The owner's authenticator app: the key from init's output, and a code for every sign-in. A
// code is accepted once (AUTH-2), so each sign-in takes the next 30 s step; the server accepts
// one step ahead of its clock, so a run of owner commands waits only when it gets two ahead.
class Authenticator {
public:
    bool enrol(const QByteArray& output)
    {
        static const QRegularExpression secret(QStringLiteral("secret=([A-Z2-7]+)"));
        auto m = secret.match(QString::fromUtf8(output));
        if (!m.hasMatch())
            return false;
        auto key = Base32::decode(m.captured(1).toLatin1());
        if (!key)
            return false;
        m_key = std::move(*key);
        return true;
    }
    // A key the back office enrolled (the test made it).
    void enrol(const SecretBytes& key) { m_key = SecretBytes(key.data(), key.size()); }
    // The code for now (at enrolment) or the next unused step.
    QByteArray nextCode()
    {
        auto now = Totp::stepAt(QDateTime::currentDateTimeUtc(), 30).value_or(0);
        std::uint64_t step = std::max(now, m_lastStep + 1);
        while (step > now + 1) { // the server would not accept it yet
            QThread::msleep(500);
            now = Totp::stepAt(QDateTime::currentDateTimeUtc(), 30).value_or(0);
        }
        m_lastStep = step;
        auto code = Totp::hotp(m_key, step, HmacAlgorithm::Sha1, 6);
        return code ? code->toByteArrayForApi() : QByteArray("000000");
    }

private:
    SecretBytes m_key;
    std::uint64_t m_lastStep = 0;
};

inline Run posctl(const QStringList& args, const QByteArray& input = {},
                  const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(POSCTL), args);
    if (!p.waitForStarted())
        return {};
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// init as the owner does it: the input first, then, once the key is on the screen, the code the
// app shows.
inline Run posctlInit(const QStringList& args, const QByteArray& input, Authenticator& app)
{
    QProcess p;
    p.start(QStringLiteral(POSCTL), args);
    if (!p.waitForStarted())
        return {};
    p.write(input);
    QByteArray out;
    while (!out.contains("otpauth://") && p.state() == QProcess::Running &&
           p.waitForReadyRead(60000))
        out += p.readAllStandardOutput();
    if (app.enrol(out))
        p.write(app.nextCode() + '\n');
    p.closeWriteChannel();
    p.waitForFinished(120000);
    out += p.readAllStandardOutput();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(out),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace pos::test
