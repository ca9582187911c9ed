#include "vault/Integrations.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>

namespace pos {

namespace {

using Kind = IntegrationField::Kind;

constexpr qsizetype MaxHostName = 253;
constexpr qsizetype MaxHostLabel = 63;

QList<Integration> makeAll()
{
    return {
        {QStringLiteral("payment"),
         QT_TRANSLATE_NOOP("pos::Integrations", "Payment processor"),
         {{QStringLiteral("merchant_id"), QT_TRANSLATE_NOOP("pos::Integrations", "Merchant id"),
           Kind::Text, false, 64},
          {QStringLiteral("api_key"), QT_TRANSLATE_NOOP("pos::Integrations", "API key"),
           Kind::Token, true, 512},
          {QStringLiteral("webhook_secret"),
           QT_TRANSLATE_NOOP("pos::Integrations", "Webhook secret"), Kind::Token, true, 512}}},
        {QStringLiteral("sms"),
         QT_TRANSLATE_NOOP("pos::Integrations", "SMS"),
         {{QStringLiteral("account"), QT_TRANSLATE_NOOP("pos::Integrations", "Account"), Kind::Text,
           false, 128},
          {QStringLiteral("api_token"), QT_TRANSLATE_NOOP("pos::Integrations", "API token"),
           Kind::Token, true, 512}}},
        {QStringLiteral("accounting"),
         QT_TRANSLATE_NOOP("pos::Integrations", "Accounting"),
         {{QStringLiteral("client_id"), QT_TRANSLATE_NOOP("pos::Integrations", "Client id"),
           Kind::Text, false, 256},
          {QStringLiteral("client_secret"), QT_TRANSLATE_NOOP("pos::Integrations", "Client secret"),
           Kind::Token, true, 512}}},
        {QStringLiteral("storefront"),
         QT_TRANSLATE_NOOP("pos::Integrations", "Online storefront"),
         {{QStringLiteral("shop_url"), QT_TRANSLATE_NOOP("pos::Integrations", "Shop URL"),
           Kind::Url, false, 512},
          {QStringLiteral("access_token"), QT_TRANSLATE_NOOP("pos::Integrations", "Access token"),
           Kind::Token, true, 512}}},
        {QStringLiteral("email"),
         QT_TRANSLATE_NOOP("pos::Integrations", "E-mail"),
         {{QStringLiteral("smtp_host"), QT_TRANSLATE_NOOP("pos::Integrations", "SMTP host"),
           Kind::Host, false, 260},
          {QStringLiteral("user"), QT_TRANSLATE_NOOP("pos::Integrations", "User"), Kind::Text,
           false, 254},
          {QStringLiteral("password"), QT_TRANSLATE_NOOP("pos::Integrations", "Password"),
           Kind::Token, true, 256}}},
        {QStringLiteral("edi"),
         QT_TRANSLATE_NOOP("pos::Integrations", "EDI"),
         {{QStringLiteral("partner_id"), QT_TRANSLATE_NOOP("pos::Integrations", "Partner id"),
           Kind::Text, false, 64},
          {QStringLiteral("certificate_passphrase"),
           QT_TRANSLATE_NOOP("pos::Integrations", "Certificate passphrase"), Kind::Token, true,
           256}}},
    };
}

// C0 controls, DEL and the C1 controls (U+0080..U+009F, in UTF-8 0xC2 0x80..0x9F).
bool hasControl(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0x20 || b == 0x7f)
            return true;
        if (b == 0xc2 && i + 1 < bytes.size()) {
            const auto next = static_cast<unsigned char>(bytes[i + 1]);
            if (next >= 0x80 && next <= 0x9f)
                return true;
        }
    }
    return false;
}

bool isHostName(QStringView host)
{
    if (host.isEmpty() || host.size() > MaxHostName)
        return false;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= host.size(); ++i) {
        if (i < host.size() && host[i] != u'.') {
            const QChar c = host[i];
            const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                            (c >= u'0' && c <= u'9') || c == u'-';
            if (!ok)
                return false;
            continue;
        }
        const QStringView label = host.sliced(labelStart, i - labelStart);
        if (label.isEmpty() || label.size() > MaxHostLabel || label.startsWith(u'-') ||
            label.endsWith(u'-'))
            return false;
        labelStart = i + 1;
    }
    return true;
}

bool isPort(QStringView port)
{
    if (port.isEmpty() || port.size() > 5)
        return false;
    for (QChar c : port)
        if (c < u'0' || c > u'9')
            return false;
    const int n = port.toInt();
    return n >= 1 && n <= 65535;
}

// "smtp.example.com", "smtp.example.com:587", "192.0.2.7:25", "[2001:db8::1]:465".
bool isHostAndPort(QStringView text)
{
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return false;
        QHostAddress address;
        if (!address.setAddress(text.sliced(1, close - 1).toString()) ||
            address.protocol() != QAbstractSocket::IPv6Protocol)
            return false;
        const QStringView rest = text.sliced(close + 1);
        return rest.isEmpty() || (rest.startsWith(u':') && isPort(rest.sliced(1)));
    }
    const qsizetype colon = text.indexOf(u':');
    const QStringView host = colon < 0 ? text : text.first(colon);
    if (colon >= 0 && !isPort(text.sliced(colon + 1)))
        return false;
    return isHostName(host);
}

Status invalid(const Integration& integration, const IntegrationField& field, const QString& why)
{
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("The %1 of %2 %3").arg(field.label(), integration.label(), why));
}

} // namespace

QString IntegrationField::label() const
{
    return QCoreApplication::translate("pos::Integrations", labelText);
}

QString Integration::label() const
{
    return QCoreApplication::translate("pos::Integrations", labelText);
}

const QList<Integration>& Integrations::all()
{
    static const QList<Integration> list = makeAll();
    return list;
}

const Integration* Integrations::find(QStringView integration)
{
    for (const Integration& i : all())
        if (i.name == integration)
            return &i;
    return nullptr;
}

const IntegrationField* Integrations::findField(QStringView integration, QStringView field)
{
    const Integration* i = find(integration);
    if (!i)
        return nullptr;
    for (const IntegrationField& f : i->fields)
        if (f.name == field)
            return &f;
    return nullptr;
}

Status Integrations::validate(const Integration& integration, const IntegrationField& field,
                              const SecretBytes& value)
{
    const QByteArrayView bytes(value.data(), static_cast<qsizetype>(value.size()));
    if (bytes.isEmpty())
        return invalid(integration, field, QStringLiteral("is empty; to remove it, clear it."));
    if (bytes.size() > field.maxLength)
        return invalid(integration, field,
                       QStringLiteral("is too long (at most %1 characters).").arg(field.maxLength));
    if (!bytes.isValidUtf8())
        return invalid(integration, field, QStringLiteral("is not valid text."));
    if (hasControl(bytes))
        return invalid(integration, field,
                       QStringLiteral("contains a control character (a line break, tab or the "
                                      "like); paste it again without one."));
    if (field.kind == IntegrationField::Kind::Token || field.kind == IntegrationField::Kind::Text)
        return {};

    // Addresses are not secret: a QString of them may be made.
    const QString text = QString::fromUtf8(bytes);
    if (field.kind == IntegrationField::Kind::Host) {
        if (!isHostAndPort(text))
            return invalid(integration, field,
                           QStringLiteral("is not a host name (like smtp.example.com, optionally "
                                          "with :port)."));
        return {};
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.isRelative())
        return invalid(integration, field,
                       QStringLiteral("is not a web address (like https://shop.example.com)."));
    if (url.scheme() != u"https")
        return invalid(integration, field, QStringLiteral("must start with https://."));
    if (!url.userInfo().isEmpty())
        return invalid(integration, field,
                       QStringLiteral("must not contain a user name or password; they go in "
                                      "their own fields."));
    if (url.hasFragment())
        return invalid(integration, field, QStringLiteral("must not contain a # part."));
    if (!isHostName(url.host(QUrl::FullyEncoded)) && QHostAddress(url.host()).isNull())
        return invalid(integration, field,
                       QStringLiteral("is not a web address (like https://shop.example.com)."));
    return {};
}

} // namespace pos
