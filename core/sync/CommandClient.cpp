#include "sync/CommandClient.h"

#include <QJsonDocument>

namespace pos {

CommandClient::CommandClient(SyncTransport& transport, IdSource& ids)
    : CommandClient(
          [&transport](const QByteArray& path, const QByteArray& body, SyncTransport::Done done) {
              transport.post(path, body, std::move(done));
          },
          ids)
{}

CommandClient::CommandClient(Post post, IdSource& ids) : m_post(std::move(post)), m_ids(ids) {}

void CommandClient::send(SyncCommand& command, std::function<void(Result<CommandAccepted>)> done)
{
    if (command.commandId.isEmpty())
        command.commandId = m_ids.newId().toString(QUuid::WithoutBraces);
    m_post(Path, encode(command),
           [done = std::move(done)](const SyncReply& reply) { done(decode(reply)); });
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

Result<CommandAccepted> CommandClient::decode(const SyncReply& reply)
{
    if (!reply.ok())
        return std::unexpected(reply.error());
    const QJsonValue id = reply.body.value(QStringLiteral("id"));
    const QJsonValue version = reply.body.value(QStringLiteral("version"));
    if (!id.isString() || id.toString().isEmpty() || !version.isDouble() ||
        version.toDouble() < 0 || version.toDouble() != static_cast<double>(version.toInteger()))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("The sync server's answer to a command could not be read (no "
                                   "id and version). The edit may or may not have been made: "
                                   "reload before trying again."));
    return CommandAccepted{id.toString(), version.toInteger()};
}

} // namespace pos
