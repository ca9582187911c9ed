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
    setMargin(10);
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
    // Core's messages start in lower case ("barcode ... is not valid"); a banner reads as a
    // sentence.
    QString text = message;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    setText(text);
    setProperty("kind", kind);
    setAccessibleDescription(message);
    style()->unpolish(this);
    style()->polish(this);
    updateGeometry();
    setVisible(true);
}

} // namespace pos::ui
