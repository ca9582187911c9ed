#pragma once

#include "Clock.h"
#include "Error.h"
#include "sync/SyncTransport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace pos {

// An edit of server-authoritative data (docs/sync.md, "Commands"), as an owner's or manager's
// desktop sends it: the kind, the entity's uuid, the version the edit was based on and the fields
// it sets. commandId makes a resend harmless: the server answers a known id with its stored
// answer.
struct SyncCommand {
    QString commandId;      // UUID; made by CommandClient::send when empty
    QString kind;           // "product.update", "store_price.set", ...
    QString id;             // the entity: a uuid, a setting key, "<role>:<permission>"
    qint64 baseVersion = 0; // 0 for a create
    QJsonObject data;
};

struct CommandAccepted {
    QString id;
    qint64 version = 0;
};

// Builds and sends commands, and turns the server's answer into a result for people: a stale edit
// is ErrorCode::Conflict whose message carries the server's ("Price of 'Milk 1l' was changed to
// 1.29 by someone else (version 4); ..."), a refusal of permission PermissionDenied, an expired
// session Unauthenticated, a malformed command InvalidInput (SyncReply::error()).
class CommandClient {
public:
    // How a request reaches POST /v1/commands: the sync client's signed transport (device
    // signature and the user's X-Pos-Session token) in the app, a fake in tests. done is called
    // once.
    using Post = std::function<void(const QByteArray& path, const QByteArray& body,
                                    SyncTransport::Done done)>;

    // Through transport.post (the transport carries the user's session token).
    CommandClient(SyncTransport& transport, IdSource& ids);
    CommandClient(Post post, IdSource& ids);

    static inline const QByteArray Path = QByteArrayLiteral("/v1/commands");

    // Sends the command (a resend of the same SyncCommand keeps its commandId).
    void send(SyncCommand& command, std::function<void(Result<CommandAccepted>)> done);

    // The request body of a command.
    static QByteArray encode(const SyncCommand& command);
    // The result of the server's answer to POST /v1/commands.
    static Result<CommandAccepted> decode(const SyncReply& reply);

private:
    Post m_post;
    IdSource& m_ids;
};

} // namespace pos
