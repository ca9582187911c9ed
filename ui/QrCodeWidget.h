#pragma once

#include <QWidget>
#include <vector>

namespace pos::ui {

// A QR code for a short text (a TOTP enrolment URI), drawn from libqrencode's module matrix:
// black modules on white with the 4-module quiet zone the standard asks for, every module the
// same whole number of pixels at any widget size (no smoothing, so phones read it at a glance).
// The widget keeps only the matrix, not the text. What the person can copy or type is shown
// beside it by whoever uses it (the wizard shows the secret in groups).
class QrCodeWidget final : public QWidget {
    Q_OBJECT
public:
    static constexpr int QuietZone = 4; // modules of white around the symbol (ISO/IEC 18004)

    explicit QrCodeWidget(QWidget* parent = nullptr);

    // Encodes text (UTF-8, error correction level M). false when it cannot be encoded (too
    // long); then nothing is drawn but a note that says so.
    bool setText(const QString& text);
    void clear();

    // Side of the symbol in modules (0 when empty), and one module, as libqrencode made them.
    int modules() const { return m_width; }
    bool isDark(int x, int y) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_width = 0;
    std::vector<bool> m_dark;
    bool m_failed = false;
};

} // namespace pos::ui
