namespace CarbonVoice.Sample.Host.Configuration;

/// <summary>The embedded emulator (section <c>Emulator</c>), used when no real Carbon Voice credentials are configured.</summary>
public sealed class EmulatorSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Emulator";

    /// <summary>The seed of the generated data.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How many users the emulator creates.</summary>
    public int Users { get; set; } = 4;

    /// <summary>How many workspaces.</summary>
    public int Workspaces { get; set; } = 3;

    /// <summary>Conversations per workspace.</summary>
    public int ConversationsPerWorkspace { get; set; } = 5;

    /// <summary>Messages per conversation.</summary>
    public int MessagesPerConversation { get; set; } = 40;

    /// <summary>Skip the consent page: <c>/oauth/authorize</c> redirects at once (for scripts and tests).</summary>
    public bool AutoApprove { get; set; }

    /// <summary>Answer SDK calls in-process instead of over a loopback socket (tests). The consent page then has no URL a browser can open.</summary>
    public bool InProcess { get; set; }

    /// <summary>The loopback port of the emulator; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The webhook header value the emulator sends and the host expects; a random one when empty.</summary>
    public string? WebhookSecret { get; set; }
}
