using System.Runtime.InteropServices;

namespace StockLakehouse.Cli.Signals;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation the run observes between batches, so that every
/// stage stops, writes its manifest as cancelled and exits 130 whichever of the two signals arrived; the process is
/// never ended from under the run. A second signal is left to the runtime's default handling, which ends the process
/// at once, for an operator who does not want to wait.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;

    public TerminationSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by the first termination signal.</summary>
    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _cancel.Cancel();
    }
}
