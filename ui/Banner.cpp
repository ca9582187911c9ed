#include "Banner.h"

#include <QApplication>
#include <QStyle>

namespace pos::ui {

Banner::Banner(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("banner"));
    setAccessibleName(tr("Message"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    hide();
}

void Banner::showError(const QString& message)
{
    show(message, QStringLiteral("error"));
    QApplication::beep();
}

void Banner::showInfo(const QString& message)
{
    show(message, QStringLiteral("info"));
}

void Banner::clear()
{
    QLabel::clear();
    setProperty("kind", QString());
    hide();
}

bool Banner::isError() const
{
    return !isHidden() && property("kind").toString() == u"error";
}

void Banner::show(const QString& message, const QString& kind)
{
    setText(message);
    setProperty("kind", kind);
    setAccessibleDescription(message);
    style()->unpolish(this);
    style()->polish(this);
    setVisible(true);
}

} // namespace pos::ui
