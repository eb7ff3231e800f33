using CarbonVoice.Sdk.Connector.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>The host's connector repository, except that recording a run's end as the last sync waits at a gate (the moment between a run's record ending and the connector knowing it).</summary>
internal sealed class GatedLastSyncRepository(IConnectorRepository inner) : IConnectorRepository
{
    private TaskCompletionSource _gate = Open();

    /// <summary>Set when <see cref="SetLastSyncAsync"/> reaches the gate.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Replaces the registered repository with this one around it.</summary>
    public static void Register(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IConnectorRepository));
        services.Replace(ServiceDescriptor.Singleton(sp => new GatedLastSyncRepository(registered.ImplementationFactory is { } factory
            ? (IConnectorRepository)factory(sp)
            : (IConnectorRepository)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        services.AddSingleton<IConnectorRepository>(sp => sp.GetRequiredService<GatedLastSyncRepository>());
    }

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task SetLastSyncAsync(string id, string syncLogId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Reached.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        await inner.SetLastSyncAsync(id, syncLogId, at, cancellationToken);
    }

    public Task InsertAsync(ConnectorRecord record, CancellationToken cancellationToken = default) => inner.InsertAsync(record, cancellationToken);

    public Task<ConnectorRecord?> GetAsync(string tenantId, string id, CancellationToken cancellationToken = default) => inner.GetAsync(tenantId, id, cancellationToken);

    public Task<ConnectorRecord?> GetByIdAsync(string id, CancellationToken cancellationToken = default) => inner.GetByIdAsync(id, cancellationToken);

    public Task<IReadOnlyList<ConnectorRecord>> ListAsync(string tenantId, string companyId, CancellationToken cancellationToken = default) => inner.ListAsync(tenantId, companyId, cancellationToken);

    public Task<IReadOnlyList<ConnectorRecord>> ListNotDisconnectedAsync(CancellationToken cancellationToken = default) => inner.ListNotDisconnectedAsync(cancellationToken);

    public Task<ConnectorRecord?> FindByExternalUserAsync(string tenantId, string companyId, string externalUserId, CancellationToken cancellationToken = default) => inner.FindByExternalUserAsync(tenantId, companyId, externalUserId, cancellationToken);

    public Task<IReadOnlyList<ConnectorRecord>> ListByExternalUsersAsync(IReadOnlyCollection<string> externalUserIds, CancellationToken cancellationToken = default) => inner.ListByExternalUsersAsync(externalUserIds, cancellationToken);

    public Task UpdateSettingsAsync(string id, string name, IReadOnlyList<string> enabledEntities, CancellationToken cancellationToken = default) => inner.UpdateSettingsAsync(id, name, enabledEntities, cancellationToken);

    public Task SetStatusAsync(string id, string status, string? message, CancellationToken cancellationToken = default) => inner.SetStatusAsync(id, status, message, cancellationToken);

    public Task<bool> TransitionStatusAsync(string id, IReadOnlyCollection<string> from, string status, string? message, CancellationToken cancellationToken = default) => inner.TransitionStatusAsync(id, from, status, message, cancellationToken);

    public Task MarkConnectedAsync(string id, string? externalUserId, string? email, string? accountName, CancellationToken cancellationToken = default) => inner.MarkConnectedAsync(id, externalUserId, email, accountName, cancellationToken);

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
