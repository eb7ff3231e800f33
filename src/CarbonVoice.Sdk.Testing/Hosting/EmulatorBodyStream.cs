namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// The in-process body of a response, read the way a socket delivers it: in <see cref="EmulatorResponse.BodyParts"/>
/// parts each after <see cref="EmulatorResponse.PartDelay"/> on the emulator's clock (a slow drip), and ending in an
/// <see cref="IOException"/> at <see cref="EmulatorResponse.ResetAfterBytes"/> (a connection reset mid-body).
/// </summary>
internal sealed class EmulatorBodyStream : Stream
{
    private readonly byte[] _body;
    private readonly int _end;
    private readonly bool _reset;
    private readonly int _partLength;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;
    private int _position;
    private int _delayedPart = -1;

    public EmulatorBodyStream(EmulatorResponse response, TimeProvider time)
    {
        _body = response.Body;
        _reset = response.ResetAfterBytes is not null;
        _end = response.ResetAfterBytes ?? _body.Length;
        _partLength = Math.Max(1, (int)Math.Ceiling(_body.Length / (double)Math.Max(1, response.BodyParts)));
        _delay = response.PartDelay;
        _time = time;
    }

    /// <summary>Whether the body needs this stream (a plain body is sent as a byte array).</summary>
    public static bool IsNeeded(EmulatorResponse response) => response.ResetAfterBytes is not null || (response.BodyParts > 1 && response.Body.Length > 0) || response.PartDelay > TimeSpan.Zero;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= _end)
        {
            return _reset
                ? throw new IOException("Connection reset by peer mid-body (injected by the Carbon Voice emulator).")
                : 0;
        }

        var part = _position / _partLength;
        if (_delay > TimeSpan.Zero && part != _delayedPart)
        {
            await Task.Delay(_delay, _time, cancellationToken).ConfigureAwait(false);
            _delayedPart = part;
        }

        var count = Math.Min(buffer.Length, Math.Min(((part + 1) * _partLength) - _position, _end - _position));
        _body.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
