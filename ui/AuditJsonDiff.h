#pragma once

#include <QString>
#include <QStringList>

namespace pos::ui {

// Before and after of an audit row, side by side: each side pretty-printed (keys sorted, two
// spaces per level) as HTML, with the keys whose value differs from the other side (or that the
// other side does not have) highlighted and marked, so a change is seen without comparing line
// by line. Nested objects are compared key by key; arrays and other values as a whole. Text
// that is not a JSON object (a damaged row) is shown as it is.
class AuditJsonDiff {
public:
    AuditJsonDiff(const QString& beforeJson, const QString& afterJson);

    QString beforeHtml() const { return m_beforeHtml; }
    QString afterHtml() const { return m_afterHtml; }
    // The changed keys as paths ("price", "stores.2"), sorted.
    const QStringList& changedKeys() const { return m_changed; }

    // The highlight's colour (also used by the legend).
    static QString highlightColor();

private:
    QString m_beforeHtml;
    QString m_afterHtml;
    QStringList m_changed;
};

} // namespace pos::ui
