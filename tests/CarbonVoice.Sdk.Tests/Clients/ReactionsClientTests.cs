using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class ReactionsClientTests
{
    [Fact]
    public async Task ListAsync_reads_the_bare_array()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("reactions")).Respond(Json.MediaType, """
            [{"id": "thumbs_up", "name": "Thumbs up", "code": "👍", "reaction_tts": "thumbs up", "image_url": "https://img.test/t.png", "order": 1},
             {"id": "eyes", "name": "Eyes", "code": "👀"}]
            """);
        using var client = TestClients.Create(mock);

        var reactions = await client.Reactions.ListAsync();

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(["thumbs_up", "eyes"], reactions.Select(r => r.Id));
        Assert.Equal("👍", reactions[0].Code);
        Assert.Equal("thumbs up", reactions[0].ReactionTts);
        Assert.True(reactions[0].AdditionalProperties!.ContainsKey("order"));
    }
}
