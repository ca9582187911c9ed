#include "CompanySecrets.h"

#include "PgConnection.h"
#include "ServerSql.h"
#include "crypto/Aead.h"

#include <QByteArrayView>

namespace pos::server {

namespace {

QByteArray associatedData(const QString& companyId)
{
    return QByteArrayLiteral("pos-syncd pin pepper v1\n") + companyId.toUtf8();
}

QByteArrayView view(const SecretBytes& bytes)
{
    return {reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())};
}

} // namespace

Result<SecretBytes> CompanySecrets::pinPepper(PgConnection& pg, const SecretBytes& key,
                                              const QString& companyId)
{
    const QByteArray aad = associatedData(companyId);
    auto fresh = SecretBytes::random(PepperSize);
    if (!fresh)
        return std::unexpected(fresh.error());
    auto sealed = Aead::seal(key, view(*fresh), aad);
    if (!sealed)
        return std::unexpected(sealed.error());
    auto made = pg.exec("INSERT INTO pos.company_secrets (company_id, pin_pepper_sealed) "
                        "VALUES ($1, $2) ON CONFLICT (company_id) DO NOTHING",
                        {companyId.toUtf8(), sql::byteaParam(*sealed)});
    if (!made)
        return std::unexpected(made.error());
    auto stored = pg.exec("SELECT pin_pepper_sealed FROM pos.company_secrets "
                          "WHERE company_id = $1",
                          {companyId.toUtf8()});
    if (!stored)
        return std::unexpected(stored.error());
    if (stored->rows() != 1)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("the company's PIN pepper is not readable in this "
                                   "transaction"));
    auto pepper = Aead::open(key, stored->bytes(0, 0), aad);
    if (!pepper)
        return fail(ErrorCode::WrongKeyOrDamaged,
                    QStringLiteral("the company's PIN pepper does not open with this server's "
                                   "witness key file (was the file replaced?)"));
    if (pepper->size() != PepperSize)
        return fail(ErrorCode::Corrupt, QStringLiteral("the company's PIN pepper has the wrong "
                                                       "size"));
    return std::move(*pepper);
}

} // namespace pos::server
