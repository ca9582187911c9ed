#include "sync/CommandClient.h"

#include <QJsonDocument>

namespace pos {

CommandClient::CommandClient(CommandTransport& transport, IdSource& ids)
    : m_transport(transport), m_ids(ids)
{}

void CommandClient::send(SyncCommand& command, std::function<void(Result<CommandAccepted>)> done)
{
    if (command.commandId.isEmpty())
        command.commandId = m_ids.newId().toString(QUuid::WithoutBraces);
    m_transport.post(Path, encode(command), [done = std::move(done)](Result<HttpReply> reply) {
        if (!reply)
            return done(std::unexpected(reply.error()));
        done(decode(*reply));
    });
}

QByteArray CommandClient::encode(const SyncCommand& command)
{
    const QJsonObject body{{QStringLiteral("command_id"), command.commandId},
                           {QStringLiteral("kind"), command.kind},
                           {QStringLiteral("id"), command.id},
                           {QStringLiteral("base_version"), command.baseVersion},
                           {QStringLiteral("data"), command.data}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<CommandAccepted> CommandClient::decode(const HttpReply& reply)
{
    Q_UNUSED(reply);
    return fail(ErrorCode::Internal, QStringLiteral("not built yet"));
}

} // namespace pos
