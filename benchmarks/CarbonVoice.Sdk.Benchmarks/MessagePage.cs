namespace CarbonVoice.Sdk.Benchmarks;

/// <summary>The replayed call: one page of 100 messages of the v6 history feed, as the emulator answered it.</summary>
internal static class MessagePage
{
    public const int Size = 100;

    public const string Path = "v6/messages?direction=older&limit=100";

    public const string ResourceName = "messages-v6-page.json";

    /// <summary>The captured body (embedded resource).</summary>
    public static byte[] Load()
    {
        using var stream = typeof(MessagePage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing; run with --capture first.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
