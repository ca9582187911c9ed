// pos-syncd entry point: owned by the syncd work in progress (issue 5); replaced by the real
// server start and the admin command dispatch.
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream(stderr) << "pos-syncd: not built yet\n";
    return 2;
}
