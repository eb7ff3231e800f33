namespace CarbonVoice.Sdk.Internal;

/// <summary>Puts a caller-owned handler (for example the emulator's) at the bottom of a pipeline without disposing it with the pipeline.</summary>
internal sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override void Dispose(bool disposing)
    {
        // The caller owns the inner handler.
    }
}
