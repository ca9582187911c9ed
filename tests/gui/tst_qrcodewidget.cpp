// The QR code the owner scans at TOTP enrolment: what is painted is exactly libqrencode's module
// matrix for the text, with a white quiet zone of at least 4 modules, at whole pixels per module
// at any size. (No QR decoder is installed, so the painted pixels are compared with the matrix.)
#include "QrCodeWidget.h"

#include <QImage>
#include <QTest>
#include <qrencode.h>

using pos::ui::QrCodeWidget;

namespace {

const QString Uri = QStringLiteral("otpauth://totp/Corner%20Shop:1001?secret="
                                   "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Corner%20Shop"
                                   "&algorithm=SHA1&digits=6&period=30");

struct Matrix {
    int width = 0;
    QList<bool> dark;
    bool at(int x, int y) const { return dark.at(y * width + x); }
};

Matrix encode(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QRcode* code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    Matrix m;
    if (!code)
        return m;
    m.width = code->width;
    for (int i = 0; i < m.width * m.width; ++i)
        m.dark.append((code->data[i] & 1) != 0);
    QRcode_free(code);
    return m;
}

bool isBlack(QRgb c)
{
    return qRed(c) < 64 && qGreen(c) < 64 && qBlue(c) < 64;
}
bool isWhite(QRgb c)
{
    return qRed(c) > 240 && qGreen(c) > 240 && qBlue(c) > 240;
}

} // namespace

class tst_QrCodeWidget : public QObject {
    Q_OBJECT

private:
    // Finds the symbol in the picture by its dark pixels (the three finder patterns put dark
    // modules in its corners), then checks every module's centre and the quiet zone.
    void checkPainted(const QImage& image, const Matrix& m)
    {
        int left = image.width(), top = image.height(), right = -1, bottom = -1;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (isBlack(image.pixel(x, y))) {
                    left = std::min(left, x);
                    right = std::max(right, x);
                    top = std::min(top, y);
                    bottom = std::max(bottom, y);
                }
            }
        }
        QVERIFY(right > left);
        const int side = right - left + 1;
        QCOMPARE(bottom - top + 1, side);
        QCOMPARE(side % m.width, 0); // whole pixels per module: crisp edges
        const int module = side / m.width;
        QVERIFY(module >= 3);
        for (int y = 0; y < m.width; ++y) {
            for (int x = 0; x < m.width; ++x) {
                // Every pixel of the module, not only its centre: no smoothing anywhere.
                for (int py = 0; py < module; ++py) {
                    for (int px = 0; px < module; ++px) {
                        const QRgb c = image.pixel(left + x * module + px, top + y * module + py);
                        if (m.at(x, y) ? !isBlack(c) : !isWhite(c))
                            QFAIL(qPrintable(
                                QStringLiteral("module %1,%2 painted wrong").arg(x).arg(y)));
                    }
                }
            }
        }
        const int quiet = QrCodeWidget::QuietZone * module;
        QVERIFY(left >= quiet && top >= quiet);
        QVERIFY(image.width() - 1 - right >= quiet && image.height() - 1 - bottom >= quiet);
        for (int y = top - quiet; y <= bottom + quiet; ++y) {
            for (int x = left - quiet; x <= right + quiet; ++x) {
                const bool inSymbol = x >= left && x <= right && y >= top && y <= bottom;
                if (!inSymbol && !isWhite(image.pixel(x, y)))
                    QFAIL(
                        qPrintable(QStringLiteral("quiet zone not white at %1,%2").arg(x).arg(y)));
            }
        }
    }

private slots:
    void paintsTheEncodedMatrix()
    {
        const Matrix m = encode(Uri);
        QVERIFY(m.width >= 21);
        QrCodeWidget w;
        QVERIFY(w.setText(Uri));
        QCOMPARE(w.modules(), m.width);
        for (const QSize size : {QSize(300, 300), QSize(517, 411), w.sizeHint()}) {
            w.resize(size);
            const QImage image = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
            checkPainted(image, m);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void newTextReplacesTheOld()
    {
        QrCodeWidget w;
        QVERIFY(w.setText(Uri));
        const QString other = QStringLiteral("otpauth://totp/Other:7?secret=GEZDGNBVGY3TQOJQ");
        QVERIFY(w.setText(other));
        w.resize(400, 400);
        checkPainted(w.grab().toImage().convertToFormat(QImage::Format_RGB32), encode(other));
    }

    void tooLongTextIsRefusedAndNothingIsDrawn()
    {
        QrCodeWidget w;
        QVERIFY(w.setText(Uri));
        QVERIFY(!w.setText(QString(5000, u'x'))); // version 40-M holds 2331 bytes
        QCOMPARE(w.modules(), 0);
        w.resize(300, 300);
        const QImage image = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
        int black = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                black += isBlack(image.pixel(x, y)) ? 1 : 0;
        // Only the note's letters, nowhere near a symbol's worth of modules.
        QVERIFY2(black < image.width() * image.height() / 20, qPrintable(QString::number(black)));
    }
};

QTEST_MAIN(tst_QrCodeWidget)
#include "tst_qrcodewidget.moc"
