#pragma once

#include "shifts/ShiftService.h"

#include <QDialog>

class QLabel;

namespace pos::ui {

class DocumentView;

// An X report (mid-shift) or a Z report (at close) as core formats it (formatShiftReport), in
// monospace, printable and savable as PDF. A Z report says in big letters whether the drawer was
// over or short. Enter or Esc closes it.
class ReportDialog final : public QDialog {
    Q_OBJECT
public:
    ReportDialog(const ShiftReport& report, const QString& storeName, const QString& registerName,
                 QWidget* parent = nullptr);

    QString reportText() const;

private:
    DocumentView* m_document = nullptr;
    QLabel* m_headline = nullptr;
};

} // namespace pos::ui
