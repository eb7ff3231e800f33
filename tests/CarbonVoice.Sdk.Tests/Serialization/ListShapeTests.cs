using RichardSzalay.MockHttp;
using CarbonVoice.Sdk.Tests.Support;

namespace CarbonVoice.Sdk.Tests.Serialization;

public class ListShapeTests
{
    [Theory]
    [InlineData("""[{"id":"w1"},{"id":"w2"}]""")]
    [InlineData("""{"workspaces":[{"id":"w1"},{"id":"w2"}]}""")]
    [InlineData("""{"data":[{"id":"w1"},{"id":"w2"}],"success":true}""")]
    [InlineData("""{"results":[{"id":"w1"},{"id":"w2"}],"has_more":false,"next_cursor":null,"total":2}""")]
    public async Task Bare_wrapped_and_enveloped_lists_all_parse(string body)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).Respond(Json.MediaType, body);
        using var client = TestClients.Create(mock);

        var workspaces = await client.Workspaces.ListAsync().ToListAsync();

        Assert.Equal(["w1", "w2"], workspaces.Select(w => w.Id));
    }

    [Fact]
    public async Task A_cursor_without_has_more_still_pages_on()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).WithExactQueryString("").Respond(Json.MediaType, """{"results":[{"id":"w1"}],"next_cursor":"w1"}""");
        mock.When(TestClients.Url("v5/workspaces")).WithQueryString("starting_after", "w1").Respond(Json.MediaType, """{"results":[{"id":"w2"}],"has_more":false,"next_cursor":"w2"}""");
        using var client = TestClients.Create(mock);

        var workspaces = await client.Workspaces.ListAsync().ToListAsync();

        Assert.Equal(["w1", "w2"], workspaces.Select(w => w.Id));
    }

    [Fact]
    public async Task A_cursor_that_does_not_advance_stops_with_a_clear_error()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).WithExactQueryString("").Respond(Json.MediaType, """{"results":[{"id":"w1"}],"has_more":true,"next_cursor":"c1"}""");
        mock.When(TestClients.Url("v5/workspaces")).WithQueryString("starting_after", "c1").Respond(Json.MediaType, """{"results":[{"id":"w2"}],"has_more":true,"next_cursor":"c1"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Workspaces.ListAsync().ToListAsync());

        Assert.Contains("c1", error.Message, StringComparison.Ordinal);
    }
}
