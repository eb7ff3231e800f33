using CarbonVoice.Sdk.EndToEnd.Tests.Support;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class QuirksTests
{
    private static Harness WithQuirks(double burstProbability = 0) => new(o =>
    {
        o.Quirks.Enabled = true;
        o.Quirks.Burst502Probability = burstProbability;
    });

    [Fact]
    public async Task A_new_messages_transcript_arrives_only_after_the_delay()
    {
        await using var h = WithQuirks();
        var client = h.ClientFor();
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        var delay = h.Emulator.Options.Quirks.TranscriptDelay;
        var id = h.Emulator.Control.PostMessage(conversation.Id, h.User.Id, "transcribed later, después 🎙️");
        var sequence = h.Emulator.Data.FindMessage(id)!.Sequence;

        var fresh = await client.Messages.GetAsync(id);
        var freshV3 = Assert.Single(await client.Messages.GetSequenceWindowAsync(conversation.Id, sequence, sequence));
        Assert.Null(fresh.Transcript);
        Assert.Null(freshV3.Transcript);
        Assert.Equal(id, freshV3.Id);

        h.Time.Advance(delay - TimeSpan.FromSeconds(1));
        Assert.Null((await client.Messages.GetAsync(id)).Transcript);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("transcribed later, después 🎙️", (await client.Messages.GetAsync(id)).Transcript);
        Assert.Equal("transcribed later, después 🎙️", Assert.Single(await client.Messages.GetSequenceWindowAsync(conversation.Id, sequence, sequence)).Transcript);
        Assert.Equal("transcribed later, después 🎙️", (await client.Messages.GetByIdsAsync(conversation.Id, [id]))[0].Transcript);
    }

    [Fact]
    public async Task A_reaction_bumps_updated_at_and_shows_in_the_delta()
    {
        await using var h = WithQuirks();
        var client = h.ClientFor();
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        var message = h.Emulator.Data.MessagesIn(conversation.Id)[2];
        var before = await client.Messages.GetAsync(message.Id);
        h.Time.Advance(TimeSpan.FromMinutes(3));
        var since = h.Time.GetUtcNow();

        h.Emulator.Control.AddReaction(message.Id, h.Emulator.Data.Users[1].Id, "thumbs_up");
        var after = await client.Messages.GetAsync(message.Id);

        Assert.True(after.UpdatedAt > before.UpdatedAt, $"{after.UpdatedAt:O} should be after {before.UpdatedAt:O}");
        Assert.Equal(since, after.UpdatedAt);
        Assert.Equal(before.Transcript, after.Transcript);
        Assert.True(after.ReactionSummary!.ReactionCounts!["thumbs_up"] >= 1);
        Assert.Contains(message.Id, (await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = since }).ToListAsync()).Select(m => m.Id));
    }

    [Fact]
    public async Task Bursts_of_502_are_absorbed_by_retries()
    {
        await using var h = WithQuirks(burstProbability: 0.05);
        var client = h.ClientFor(configure: o => o.MaxRetryAttempts = 10);
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        var expected = h.Emulator.Data.MessagesIn(conversation.Id);

        async Task<int> ReadAsync()
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
                Expect.SameMessages(expected, await client.Messages.ListIdsAsync(conversation.Id, 10).ToListAsync());
            }

            return 20;
        }

        await h.Clock.DriveAsync(ReadAsync());

        var bursts = h.Emulator.Requests.Count(r => r.Status == 502);
        Assert.True(bursts >= 3, $"only {bursts} 502s");
        Assert.All(h.Emulator.Requests, r => Assert.Contains(r.Status, new[] { 200, 502 }));
    }
}
