namespace CarbonVoice.Sdk.Tests.Mocking;

/// <summary>Shows (and proves) how a user of the SDK fakes it in their own tests — the README's example.</summary>
public class FakingPagedResultsTests
{
    private sealed class FakeWorkspaces : WorkspacesClient
    {
        public override CarbonVoicePageable<Workspace> ListAsync(WorkspaceListOptions? options = null)
            => CarbonVoicePageable.FromPages(
                [new Workspace { Id = "w1", Name = "Sales" }],
                [new Workspace { Id = "w2", Name = "Support" }]);
    }

    private sealed class FakeClient : CarbonVoiceClient
    {
        public override IWorkspacesClient Workspaces { get; } = new FakeWorkspaces();
    }

    [Fact]
    public async Task A_subclassed_area_client_yields_fake_items_across_pages()
    {
        ICarbonVoiceClient client = new FakeClient();

        var names = new List<string?>();
        await foreach (var workspace in client.Workspaces.ListAsync())
        {
            names.Add(workspace.Name);
        }

        Assert.Equal(["Sales", "Support"], names);
    }

    [Fact]
    public async Task Fake_pages_carry_continuation_tokens_that_resume()
    {
        var pageable = CarbonVoicePageable.FromItems(Enumerable.Range(1, 5), pageSize: 2);

        var pages = new List<CarbonVoicePage<int>>();
        await foreach (var page in pageable.AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.True(pages[0].HasMore);
        Assert.False(pages[^1].HasMore);

        var resumed = new List<int>();
        await foreach (var page in pageable.AsPages(pages[0].ContinuationToken))
        {
            resumed.AddRange(page.Items);
        }

        Assert.Equal([3, 4, 5], resumed);
    }

    [Fact]
    public async Task An_empty_fake_list_yields_nothing()
    {
        var items = await CarbonVoicePageable.FromItems(Array.Empty<string>()).ToListAsync();

        Assert.Empty(items);
    }

    [Fact]
    public async Task A_delegate_pageable_is_lazy_and_stops_when_the_caller_stops()
    {
        var fetched = 0;
        var pageable = CarbonVoicePageable.Create<int>((token, _, _) =>
        {
            fetched++;
            var start = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(new CarbonVoicePage<int>([start, start + 1], (start + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });

        await foreach (var item in pageable)
        {
            if (item == 1)
            {
                break;
            }
        }

        Assert.Equal(1, fetched);
    }

    [Fact]
    public async Task Cancellation_stops_enumeration()
    {
        using var cts = new CancellationTokenSource();
        var pageable = CarbonVoicePageable.FromItems(Enumerable.Range(1, 10), pageSize: 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in pageable.WithCancellation(cts.Token))
            {
                if (item == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });
    }
}
