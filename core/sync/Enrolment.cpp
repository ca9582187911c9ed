#include "sync/Enrolment.h"

namespace pos {

Enrolment::Enrolment(Database& db, KeyStore& keys, AccessControl& access, const Clock& clock,
                     QObject* parent)
    : QObject(parent), m_db(db), m_keys(keys), m_access(access), m_clock(clock)
{}

Enrolment::~Enrolment() = default;

void Enrolment::start(const Session&, EnrolmentRequest, Done done)
{
    done(fail(ErrorCode::Internal, QStringLiteral("not built yet")));
}

void Enrolment::cancel() {}

} // namespace pos
