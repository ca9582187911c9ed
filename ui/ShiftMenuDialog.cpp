#include "ShiftMenuDialog.h"

#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QKeySequence>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int TextWidth = 600;
}

ShiftMenuDialog::ShiftMenuDialog(const QString& shiftSummary, const QString& closeRefusal,
                                 QWidget* parent)
    : QDialog(parent), m_closeRefusal(closeRefusal)
{
    setObjectName(QStringLiteral("shiftMenuDialog"));
    setWindowTitle(tr("Shift"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    auto* summary = new WrappedLabel(shiftSummary, TextWidth, this);
    summary->setObjectName(QStringLiteral("shiftSummary"));
    layout->addWidget(summary);

    auto* grid = new QGridLayout;
    grid->addWidget(
        addChoice(tr("Cash in"), Qt::Key_I, QStringLiteral("cashInButton"), Choice::CashIn), 0, 0);
    grid->addWidget(
        addChoice(tr("Cash out"), Qt::Key_O, QStringLiteral("cashOutButton"), Choice::CashOut), 0,
        1);
    grid->addWidget(
        addChoice(tr("X report"), Qt::Key_X, QStringLiteral("xReportButton"), Choice::XReport), 1,
        0);
    grid->addWidget(addChoice(tr("Close shift"), Qt::Key_Z, QStringLiteral("closeShiftButton"),
                              Choice::CloseShift),
                    1, 1);
    layout->addLayout(grid);

    m_error = WrappedLabel::errorLabel(QStringLiteral("shiftMenuError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto* cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setText(tr("Back to the sale (Esc)"));
    cancel->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &ShiftMenuDialog::reject);
    layout->addWidget(buttons);
}

QPushButton* ShiftMenuDialog::addChoice(const QString& text, Qt::Key key, const QString& name,
                                        Choice choice)
{
    const QString keyText = QKeySequence(key).toString(QKeySequence::NativeText);
    auto* button = new QPushButton(tr("%1 (%2)").arg(text, keyText), this);
    button->setObjectName(name);
    button->setAccessibleName(text);
    button->setAccessibleDescription(tr("Shortcut: %1").arg(keyText));
    button->setProperty("role", QStringLiteral("command"));
    button->setMinimumSize(280, 72);
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, this, [this, choice] { choose(choice); });
    auto* shortcut = new QShortcut(QKeySequence(key), this);
    connect(shortcut, &QShortcut::activated, this, [this, choice] { choose(choice); });
    return button;
}

void ShiftMenuDialog::choose(Choice choice)
{
    if (choice == Choice::CloseShift && !m_closeRefusal.isEmpty()) {
        m_error->showError(m_closeRefusal);
        return;
    }
    m_choice = choice;
    accept();
}

} // namespace pos::ui
