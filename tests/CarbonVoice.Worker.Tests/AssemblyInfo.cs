// The scenarios start worker processes against shared servers: one at a time keeps their timings honest on 2 cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
