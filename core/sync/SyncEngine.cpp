#include "sync/SyncEngine.h"

#include "store/Database.h"
#include "sync/DeviceIdentity.h"
#include "sync/SyncWorker.h"

namespace pos {

SyncEngine::SyncEngine(SyncEngineOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{}

SyncEngine::~SyncEngine() = default;

Result<DatabaseOpener> SyncEngine::openerFor(const Database&, KeyStore&)
{
    return fail(ErrorCode::Internal, QStringLiteral("not built yet"));
}

std::chrono::milliseconds SyncEngine::backoff(int failures)
{
    using namespace std::chrono_literals;
    std::chrono::milliseconds d = 2s;
    for (int i = 1; i < failures && d < 5min; ++i)
        d *= 2;
    return std::min<std::chrono::milliseconds>(d, 5min);
}

void SyncEngine::start() {}
void SyncEngine::stop() {}
void SyncEngine::syncNow() {}

} // namespace pos
