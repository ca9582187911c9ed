#include "UiResources.h"

#include <QApplication>
#include <QFile>
#include <QIcon>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initPosResources()
{
    Q_INIT_RESOURCE(pos);
}

namespace pos::ui {

void UiResources::init()
{
    initPosResources();
}

void UiResources::applyCounterStyle(QApplication& app)
{
    init();
    app.setWindowIcon(QIcon(QStringLiteral(":/pos/icons/pos.svg")));
    // Fusion draws the same on every desktop, so the style sheet looks as designed.
    app.setStyle(QStringLiteral("Fusion"));
    QFile qss(QStringLiteral(":/pos/style/counter.qss"));
    if (qss.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(qss.readAll()));
}

} // namespace pos::ui
