namespace CarbonVoice.Sdk.Tests.Core;

public sealed class InMemoryTokenStoreTests : TokenStoreConformanceTests
{
    protected override ITokenStore CreateStore() => new InMemoryTokenStore();

    [Fact]
    public async Task Separate_instances_do_not_share_tokens()
    {
        var first = new InMemoryTokenStore();
        await first.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });

        Assert.Null(await new InMemoryTokenStore().GetAsync("conn-1"));
    }
}
