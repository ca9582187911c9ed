#include "WrappedLabel.h"

#include <QApplication>
#include <QEvent>

namespace pos::ui {

WrappedLabel::WrappedLabel(const QString& text, int width, QWidget* parent) : QLabel(text, parent)
{
    setWordWrap(true);
    setFixedWidth(width);
    fit();
}

void WrappedLabel::setWrappedText(const QString& text)
{
    setText(text);
    fit();
}

WrappedLabel* WrappedLabel::errorLabel(const QString& objectName, int width, QWidget* parent)
{
    auto* label = new WrappedLabel({}, width, parent);
    label->setObjectName(objectName);
    label->setProperty("kind", QStringLiteral("error"));
    label->hide();
    return label;
}

void WrappedLabel::showError(const QString& message)
{
    setWrappedText(sentence(message));
    show();
    window()->adjustSize();
    QApplication::beep();
}

QString WrappedLabel::sentence(const QString& message)
{
    QString text = message;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

bool WrappedLabel::event(QEvent* e)
{
    const bool handled = QLabel::event(e);
    if (e->type() == QEvent::Polish || e->type() == QEvent::FontChange ||
        e->type() == QEvent::StyleChange)
        fit();
    return handled;
}

void WrappedLabel::fit()
{
    const int h = text().isEmpty() ? 0 : heightForWidth(width());
    if (h >= 0 && h != height())
        setFixedHeight(h);
}

} // namespace pos::ui
