#pragma once

#include <QString>

namespace pos::ui {

// What an audit action means in the owner's words ("Sign-in failed" for auth.sign_in_failed),
// translated; an action this build does not know is shown as its name.
QString auditActionText(const QString& action);

} // namespace pos::ui
