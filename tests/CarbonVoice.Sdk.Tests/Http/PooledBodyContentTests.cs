using System.Text;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

public sealed class PooledBodyContentTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(10, 10L)]
    [InlineData(100_000, null)]
    [InlineData(100_000, 100_000L)]
    public async Task Reads_the_whole_body_once_whether_or_not_its_length_is_announced(int size, long? announced)
    {
        var bytes = Body(size);
        using var content = await PooledBodyContent.ReadAsync(new TrickleStream(bytes, 4096), announced, long.MaxValue, CancellationToken.None);

        Assert.Equal(bytes, content.Memory.ToArray());
        Assert.Equal(size, content.Headers.ContentLength);
        Assert.Equal(bytes, await content.ReadAsByteArrayAsync());
        Assert.Equal(Encoding.UTF8.GetString(bytes), await content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_longer_than_the_limit_fails_without_an_announced_length()
    {
        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(
            () => PooledBodyContent.ReadAsync(new TrickleStream(Body(5000), 1000), null, 4999, CancellationToken.None));

        Assert.Equal(4999, error.MaxBytes);
        Assert.Null(error.ContentLength);
    }

    [Fact]
    public async Task A_body_exactly_at_the_limit_is_read()
    {
        using var content = await PooledBodyContent.ReadAsync(new TrickleStream(Body(5000), 1000), null, 5000, CancellationToken.None);

        Assert.Equal(5000, content.Memory.Length);
    }

    [Fact]
    public async Task A_stream_that_breaks_off_surfaces_its_error()
    {
        var stream = new TrickleStream(Body(10_000), 1000) { FailAfter = 3000 };

        await Assert.ThrowsAsync<IOException>(() => PooledBodyContent.ReadAsync(stream, 10_000, long.MaxValue, CancellationToken.None));
    }

    [Fact]
    public async Task The_body_is_gone_once_the_content_is_disposed()
    {
        var content = await PooledBodyContent.ReadAsync(new MemoryStream(Body(10)), 10, long.MaxValue, CancellationToken.None);
        content.Dispose();
        content.Dispose();

        Assert.Throws<ObjectDisposedException>(() => content.Memory);
    }

    [Fact]
    public async Task Once_disposed_the_body_cannot_be_read_even_after_an_earlier_read()
    {
        var content = await PooledBodyContent.ReadAsync(new MemoryStream(Body(10)), 10, long.MaxValue, CancellationToken.None);
        Assert.Equal(Body(10), await content.ReadAsByteArrayAsync());

        content.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Its_read_stream_cannot_write_into_the_pooled_buffer()
    {
        using var content = await PooledBodyContent.ReadAsync(new MemoryStream(Body(10)), 10, long.MaxValue, CancellationToken.None);

        await using var stream = await content.ReadAsStreamAsync();

        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.WriteByte(1));
        Assert.Equal(Body(10), content.Memory.ToArray());
    }

    [Theory]
    [InlineData(20_000, 20_000L)]
    [InlineData(20_000, null)]
    [InlineData(100_000, null)]
    public async Task The_buffer_grows_with_the_body_not_to_the_largest_array(int size, long? announced)
    {
        // Read synchronously on this thread (a memory stream completes at once), so the thread's allocations are the read's.
        var stream = new TrickleStream(Body(size), 4096);
        var before = GC.GetAllocatedBytesForCurrentThread();

        using var content = await PooledBodyContent.ReadAsync(stream, announced, long.MaxValue, CancellationToken.None);

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * size);
        Assert.Equal(size, content.Memory.Length);
    }

    private static byte[] Body(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, like a socket; can fail part-way.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public long FailAfter { get; init; } = long.MaxValue;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= FailAfter)
            {
                throw new IOException("The connection was reset.");
            }

            return base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
        }
    }
}
