#pragma once

#include "audit/AuditExporter.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace pos::ui {

class WrappedLabel;

// Export… of the audit viewer (AUD-5, audit.export): asks for the code from the owner's
// authenticator app (AUTH-2: the export needs a fresh second factor) and a folder, then runs
// AuditExporter::exportTo with a progress bar; Cancel stops it (nothing is left behind). Core
// judges the code; its refusal is shown and the code field cleared. The code goes to core as
// SecretBytes and the field is emptied at once: it is never kept, shown again or logged.
// On Accepted, files() says what was written.
class AuditExportDialog final : public QDialog {
    Q_OBJECT
public:
    AuditExportDialog(AuditExporter& exporter, Session session, QWidget* parent = nullptr);

    const AuditExportFiles& files() const { return m_files; }
    void setDirectory(const QString& directory);

    void reject() override;

private:
    void chooseFolder();
    void runExport();
    void setBusy(bool busy);

    AuditExporter& m_exporter;
    Session m_session;
    AuditExportFiles m_files;
    QLineEdit* m_folder = nullptr;
    QPushButton* m_choose = nullptr;
    QLineEdit* m_code = nullptr;
    QProgressBar* m_progress = nullptr;
    WrappedLabel* m_error = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_cancel = nullptr;
    bool m_busy = false;
    bool m_cancelled = false;
};

} // namespace pos::ui
