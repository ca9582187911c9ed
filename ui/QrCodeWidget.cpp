#include "QrCodeWidget.h"

#include "crypto/SecretBytes.h"

#include <QPainter>
#include <algorithm>
#include <qrencode.h>

namespace pos::ui {

namespace {
constexpr int MinModulePixels = 3;  // below this phone cameras struggle
constexpr int HintModulePixels = 6; // what the wizard asks for by default
} // namespace

QrCodeWidget::QrCodeWidget(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("qrCode"));
    setAccessibleName(tr("QR code"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

bool QrCodeWidget::setText(const QString& text)
{
    clear();
    // The text may spell a secret (an otpauth:// URI): the UTF-8 copy is wiped after encoding.
    QByteArray utf8 = text.toUtf8();
    QRcode* code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    SecretBytes::wipe(utf8);
    if (!code) {
        m_failed = true;
        update();
        return false;
    }
    m_width = code->width;
    m_dark.resize(static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_width));
    for (std::size_t i = 0; i < m_dark.size(); ++i)
        m_dark[i] = (code->data[i] & 1) != 0; // bit 0: dark module; the rest says what it is
    std::fill_n(code->data, m_dark.size(), static_cast<unsigned char>(0));
    QRcode_free(code);
    updateGeometry();
    update();
    return true;
}

void QrCodeWidget::clear()
{
    m_dark.assign(m_dark.size(), false);
    m_dark.clear();
    m_width = 0;
    m_failed = false;
    update();
}

bool QrCodeWidget::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_width || y >= m_width)
        return false;
    return m_dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) +
                  static_cast<std::size_t>(x)];
}

QSize QrCodeWidget::sizeHint() const
{
    const int side = (std::max(m_width, 21) + 2 * QuietZone) * HintModulePixels;
    return {side, side};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int side = (std::max(m_width, 21) + 2 * QuietZone) * MinModulePixels;
    return {side, side};
}

void QrCodeWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (m_width == 0) {
        if (m_failed) {
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                             tr("This text is too long for a QR code."));
        }
        return;
    }
    // Whole pixels per module, the symbol and its quiet zone centred in the widget.
    const int total = m_width + 2 * QuietZone;
    const int module = std::max(1, std::min(width(), height()) / total);
    const int side = total * module;
    const QPoint origin((width() - side) / 2, (height() - side) / 2);
    painter.fillRect(QRect(origin, QSize(side, side)), Qt::white);
    const QPoint symbol = origin + QPoint(QuietZone * module, QuietZone * module);
    for (int y = 0; y < m_width; ++y) {
        for (int x = 0; x < m_width; ++x) {
            if (isDark(x, y))
                painter.fillRect(symbol.x() + x * module, symbol.y() + y * module, module, module,
                                 Qt::black);
        }
    }
}

} // namespace pos::ui
