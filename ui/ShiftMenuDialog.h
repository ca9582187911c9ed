#pragma once

#include <QDialog>

class QPushButton;

namespace pos::ui {

class WrappedLabel;

// F10 at the counter: what to do with the shift. One big button each for cash in, cash out, the
// X report and closing the shift, each with its own key. The caller does the chosen thing
// through core. Closing can be refused up front (a sale is in progress): the reason is shown
// here and the menu stays open.
class ShiftMenuDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Choice { None, CashIn, CashOut, XReport, CloseShift };

    ShiftMenuDialog(const QString& shiftSummary, const QString& closeRefusal,
                    QWidget* parent = nullptr);

    Choice choice() const { return m_choice; }

private:
    QPushButton* addChoice(const QString& text, Qt::Key key, const QString& name, Choice choice);
    void choose(Choice choice);

    QString m_closeRefusal;
    Choice m_choice = Choice::None;
    WrappedLabel* m_error = nullptr;
};

} // namespace pos::ui
