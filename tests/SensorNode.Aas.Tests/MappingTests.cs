using SensorNode.Aas.Mapping;
using SensorNode.Aas.Model;
using SensorNode.Aas.Tests.Infrastructure;

namespace SensorNode.Aas.Tests;

public sealed class MappingTests
{
    private static T Find<T>(IEnumerable<SubmodelElement>? elements, string path) where T : SubmodelElement
    {
        SubmodelElement? current = null;
        foreach (var part in path.Split('.'))
        {
            current = elements?.FirstOrDefault(e => e.IdShort == part) ?? throw new Xunit.Sdk.XunitException($"'{part}' of '{path}' not found");
            elements = (current as SubmodelElementCollection)?.Value;
        }
        return Assert.IsType<T>(current);
    }

    private static Submodel Sm(IAasView v, string idShort) => v.Submodels.Single(s => s.IdShort == idShort);

    [Fact]
    public void One_shell_per_machine_with_instance_asset_and_all_four_submodels()
    {
        var repo = new AasRepository();
        var info = repo.UpsertMachine(Samples.Press());
        repo.Read(v =>
        {
            var shell = Assert.Single(v.Shells);
            Assert.Equal("urn:sensornode:aas:plant1:node-a1", shell.Id);
            Assert.Equal(AssetKind.Instance, shell.AssetInformation.AssetKind);
            Assert.Equal("urn:sensornode:asset:plant1:node-a1", shell.AssetInformation.GlobalAssetId);
            Assert.Contains(shell.AssetInformation.SpecificAssetIds!, s => s.Name == "SensorNodeId" && s.Value == "node-a1");
            Assert.Contains(shell.AssetInformation.SpecificAssetIds!, s => s.Name == "SerialNumber" && s.Value == "SN-1987-0042");
            Assert.Equal(4, shell.Submodels!.Count);
            Assert.All(shell.Submodels, r => Assert.NotNull(v.FindSubmodel(r.Keys[0].Value)));
            Assert.Equal(new[] { SemanticIds.Nameplate, SemanticIds.TimeSeries, SemanticIds.Aid, AasIds.Concept("ConditionMonitoring") }.Order(),
                v.Submodels.Select(s => s.SemanticId!.Keys[0].Value).Order());
            return 0;
        });
        Assert.Equal("urn:sensornode:sm:plant1:node-a1:condition", info.ConditionId);
    }

    [Fact]
    public void Https_id_base_builds_path_style_ids()
    {
        var repo = new AasRepository(new AasMappingOptions { IdBase = "https://factory.example.com/aas/" });
        var info = repo.UpsertMachine(Samples.Press());
        Assert.Equal("https://factory.example.com/aas/aas/plant1/node-a1", info.ShellId);
        Assert.Equal("https://factory.example.com/aas/sm/plant1/node-a1/timeseries", info.TimeSeriesId);
    }

    [Fact]
    public void Korean_name_becomes_a_romanized_idShort_and_the_displayName_keeps_the_hangul()
    {
        var repo = OracleFixture.Korean();
        repo.Read(v =>
        {
            var shell = Assert.Single(v.Shells);
            Assert.Equal("Peureseu7Hogi", shell.IdShort);
            var name = Assert.Single(shell.DisplayName!);
            Assert.Equal("ko", name.Language);
            Assert.Equal("프레스 7호기", name.Text);
            Assert.Equal("2공장 B동", Assert.Single(shell.Description!).Text);
            var manufacturer = Find<MultiLanguageProperty>(Sm(v, "Nameplate").SubmodelElements, "ManufacturerName");
            Assert.Equal("대한기계", manufacturer.Value![0].Text);
            // Only one axis fitted, no current clamp: no Y/Z properties and no MotorCurrent group.
            var condition = Sm(v, "ConditionMonitoring");
            Assert.NotNull(Find<Property>(condition.SubmodelElements, "Vibration.RMSVelocityX").Value);
            Assert.DoesNotContain(((SubmodelElementCollection)condition.SubmodelElements!.Single(e => e.IdShort == "Vibration")).Value!, e => e.IdShort == "RMSVelocityY");
            Assert.DoesNotContain(condition.SubmodelElements!, e => e.IdShort == "MotorCurrent");
            return 0;
        });
    }

    [Fact]
    public void Same_names_get_unique_shell_idShorts_and_same_shell_id_is_refused()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.Press("node-a1") with { AssetKey = "press-7" });
        var second = repo.UpsertMachine(Samples.Press("node-a2"));
        Assert.Equal("Press7Hydraulic_2", second.ShellIdShort);
        Assert.Equal("urn:sensornode:aas:plant1:node-a2", second.ShellId);
        // Two nodes claiming the same registry asset would publish the same shell: refused.
        var clash = Assert.Throws<ArgumentException>(() => repo.UpsertMachine(Samples.Press("node-a3") with { AssetKey = "press-7" }));
        Assert.Contains("node-a1", clash.Message);
        Assert.Equal(2, repo.Machines.Count);
    }

    [Fact]
    public void Upsert_of_the_same_node_replaces_its_shell()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.Press());
        var again = repo.UpsertMachine(Samples.Press() with { AssetName = "Press 7 renamed", AssetKey = "press7" });
        Assert.Single(repo.Machines);
        Assert.Equal("Press7Renamed", again.ShellIdShort);
        Assert.Equal(4, repo.Read(v => v.Submodels.Count));
    }

    [Fact]
    public void Asset_keys_outside_the_id_alphabet_are_refused() =>
        Assert.Throws<ArgumentException>(() => new AasRepository().UpsertMachine(Samples.Press() with { AssetKey = "press 7" }));

    [Fact]
    public void Record_without_clock_sync_takes_the_receive_time()
    {
        var r = Samples.Record(5, Samples.T0);
        r.TimestampUnixMs = 12_345; // ms since boot
        r.TimeSynced = false;
        var received = Samples.T0.AddMinutes(3);
        Assert.Equal(received, TelemetrySample.FromRecord("n", r, received).Timestamp);
        r.TimeSynced = true;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(12_345), TelemetrySample.FromRecord("n", r, received).Timestamp);
    }

    [Fact]
    public void Record_readings_follow_the_telemetry_encoder()
    {
        var r = Samples.Record(5, Samples.T0);
        r.Status = SensorNode.Core.Features.MeasurementRecord.StatusTemperatureFailed;
        r.AxisCount = 2;
        var sample = TelemetrySample.FromRecord("n", r);
        Assert.DoesNotContain(sample.Readings, x => x.Key == "temp");
        Assert.DoesNotContain(sample.Readings, x => x.Axis == "z");
        Assert.Equal(2 * 18 + 1 + 9, sample.Readings.Count);
        Assert.Equal(5u, sample.Sequence);
        Assert.Equal(r.Status, sample.Status);
    }

    [Fact]
    public void A_rebirth_keeps_live_values_and_recent_records()
    {
        var repo = Samples.PressRepository();
        string before = repo.Read(v => Serialization.AasJsonWriter.ToJsonString(v.ToEnvironment()));
        repo.UpsertMachine(Samples.Press());
        Assert.Equal(before, repo.Read(v => Serialization.AasJsonWriter.ToJsonString(v.ToEnvironment())));

        // Re-described with one axis and no current clamp: kept where the feature still exists.
        repo.UpsertMachine(Samples.Press() with { AxisCount = 1, Sensors = [new(SensorKind.Accelerometer, "ADXL345"), new(SensorKind.Temperature, "BME280")] });
        repo.Read(v =>
        {
            var condition = Sm(v, "ConditionMonitoring");
            Assert.Equal("2.52", Find<Property>(condition.SubmodelElements, "Vibration.RMSVelocityX").Value);
            Assert.Equal("true", Find<Property>(condition.SubmodelElements, "SensorNode.Online").Value);
            var records = Find<SubmodelElementCollection>(Sm(v, "TimeSeries").SubmodelElements, "Segments.InternalSegment.Records");
            Assert.Null(records.Value); // the columns changed (no Y/Z, no current): old rows do not fit
            return 0;
        });
    }

    [Fact]
    public void A_refused_redescription_leaves_the_machine_as_it_was()
    {
        var repo = Samples.PressRepository();
        string before = repo.Read(v => Serialization.AasJsonWriter.ToJsonString(v.ToEnvironment()));
        Assert.Throws<ArgumentException>(() => repo.UpsertMachine(Samples.Press() with { AxisCount = 4 }));
        Assert.Equal(before, repo.Read(v => Serialization.AasJsonWriter.ToJsonString(v.ToEnvironment())));
    }

    [Theory]
    [InlineData("plant 1", "node-a1")]
    [InlineData("plant1", "node/a1")]
    [InlineData("plant1", "")]
    public void Descriptions_the_topic_tree_cannot_carry_are_refused(string site, string node)
    {
        var repo = new AasRepository();
        Assert.Throws<ArgumentException>(() => repo.UpsertMachine(Samples.Press() with { Site = site, NodeId = node }));
        Assert.Empty(repo.Machines);
    }

    [Fact]
    public void Live_values_carry_value_unit_concept_and_update_in_place()
    {
        var repo = Samples.PressRepository();
        repo.Read(v =>
        {
            var condition = Sm(v, "ConditionMonitoring");
            var vx = Find<Property>(condition.SubmodelElements, "Vibration.RMSVelocityX");
            Assert.Equal(DataTypeDefXsd.Double, vx.ValueType);
            Assert.Equal("VARIABLE", vx.Category);
            Assert.Equal("2.52", vx.Value); // the last live record: 2.1 * 1.2
            string concept = vx.SemanticId!.Keys[0].Value;
            Assert.Equal("urn:sensornode:cd:1:0:VibrationVelocityRms", concept);
            var cd = v.FindConceptDescription(concept)!;
            var iec = cd.EmbeddedDataSpecifications![0].DataSpecificationContent;
            Assert.Equal("mm/s", iec.Unit);
            Assert.Equal("0112/2///62720#UAA867", iec.UnitId!.Keys[0].Value);
            Assert.Equal(DataTypeIec61360.REAL_MEASURE, iec.DataType);
            Assert.Contains("RMSVelocity", iec.SourceOfDefinition);

            Assert.Equal("C", Find<Property>(condition.SubmodelElements, "Vibration.IsoZoneZ").Value);
            Assert.Equal("true", Find<Property>(condition.SubmodelElements, "Operation.Running").Value);
            Assert.Equal("311", Find<Property>(condition.SubmodelElements, "Operation.StartCount").Value);
            Assert.Equal("3", Find<Property>(condition.SubmodelElements, "SensorNode.LastSequence").Value);
            Assert.Equal("2026-11-23T08:00:20Z", Find<Property>(condition.SubmodelElements, "SensorNode.LastMeasurementTime").Value);
            Assert.Equal("true", Find<Property>(condition.SubmodelElements, "SensorNode.Online").Value);
            var temp = Find<Property>(condition.SubmodelElements, "Temperature.SurfaceTemperature");
            Assert.Equal("0112/2///62720#UAA033", v.FindConceptDescription(temp.SemanticId!.Keys[0].Value)!
                .EmbeddedDataSpecifications![0].DataSpecificationContent.UnitId!.Keys[0].Value);
            var current = Find<Property>(condition.SubmodelElements, "MotorCurrent.RMSCurrent");
            Assert.Equal("0112/2///62720#UAA101", v.FindConceptDescription(current.SemanticId!.Keys[0].Value)!
                .EmbeddedDataSpecifications![0].DataSpecificationContent.UnitId!.Keys[0].Value);
            return 0;
        });
    }

    [Fact]
    public void Bad_readings_are_rejected_with_reasons_and_good_ones_still_apply()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.KoreanPress());
        var result = repo.UpdateReadings(new TelemetrySample("node-kr7", Samples.T0,
        [
            new Reading("vrms", 1.25, "x", "mm/s"),
            new Reading("temp", 40.5, Unit: "degC"),
            new Reading("vrms", 1, "y"),            // axis not fitted
            new Reading("vrms", 1),                 // axis missing
            new Reading("temp", 1, "x"),            // axis on a scalar
            new Reading("arms", 1, "x", "mm/s"),    // wrong unit
            new Reading("nope", 1),                 // unknown key
            new Reading("temp", double.NaN),        // not finite
            new Reading("zone", 7, "x"),            // out of range
            new Reading("irms", 3),                 // no current clamp on this machine
        ]));
        Assert.Equal(2, result.Applied);
        Assert.Equal(8, result.Rejected.Count);
        Assert.All(result.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Contains(result.Rejected, r => r.Reading.Key == "arms" && r.Reason.Contains("Unit"));
        repo.Read(v =>
        {
            var condition = Sm(v, "ConditionMonitoring");
            Assert.Equal("1.25", Find<Property>(condition.SubmodelElements, "Vibration.RMSVelocityX").Value);
            Assert.Equal("40.5", Find<Property>(condition.SubmodelElements, "Temperature.SurfaceTemperature").Value);
            return 0;
        });
        Assert.False(repo.UpdateReadings(Samples.Sample("unknown-node", 1, Samples.T0)).NodeKnown);
    }

    [Fact]
    public void Time_series_keeps_the_last_records_in_time_order_and_links_the_mqtt_topic()
    {
        var repo = new AasRepository(new AasMappingOptions { TimeSeriesCapacity = 3 });
        repo.UpsertMachine(Samples.Press());
        for (uint i = 0; i < 5; i++) repo.UpdateReadings(Samples.Sample("node-a1", i, Samples.T0.AddSeconds(10 * i)));
        // A late historical record that belongs between the kept ones.
        repo.UpdateReadings(Samples.Sample("node-a1", 100, Samples.T0.AddSeconds(35), 3) with { Historical = true });
        // One older than everything kept is dropped.
        repo.UpdateReadings(Samples.Sample("node-a1", 101, Samples.T0, 3) with { Historical = true });
        repo.Read(v =>
        {
            var ts = Sm(v, "TimeSeries");
            var records = Find<SubmodelElementCollection>(ts.SubmodelElements, "Segments.InternalSegment.Records").Value!;
            var times = records.Select(r => ((Property)((SubmodelElementCollection)r).Value![0]).Value).ToList();
            Assert.Equal(["2026-11-23T08:00:30Z", "2026-11-23T08:00:35Z", "2026-11-23T08:00:40Z"], times);
            Assert.Equal("3", Find<Property>(ts.SubmodelElements, "Segments.InternalSegment.RecordCount").Value);
            Assert.Equal("2026-11-23T08:00:30Z", Find<Property>(ts.SubmodelElements, "Segments.InternalSegment.StartTime").Value);
            Assert.Equal("2026-11-23T08:00:40Z", Find<Property>(ts.SubmodelElements, "Segments.InternalSegment.EndTime").Value);
            var late = (SubmodelElementCollection)records[1];
            Assert.Equal("6.3", late.Value!.OfType<Property>().Single(p => p.IdShort == "RMSVelocityX").Value);
            Assert.Equal(SemanticIds.TsUtcTime, late.Value![0].SemanticId!.Keys[0].Value);

            Assert.Equal("mqtts://broker.plant1.local:8883", Find<Property>(ts.SubmodelElements, "Segments.LinkedSegment.Endpoint").Value);
            Assert.Equal("sensornode/v1/plant1/node-a1/telemetry", Find<Property>(ts.SubmodelElements, "Segments.LinkedSegment.Query").Value);

            // The historical records did not overwrite the live value.
            Assert.Equal("4.1", Find<Property>(Sm(v, "ConditionMonitoring").SubmodelElements, "Vibration.RMSVelocityZ").Value);
            return 0;
        });
    }

    [Fact]
    public void Interfaces_describe_the_mqtt_topics_with_qos_retain_and_security()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.Press());
        repo.Read(v =>
        {
            var aid = Sm(v, "AssetInterfacesDescription");
            Assert.Equal("mqtts://broker.plant1.local:8883", Find<Property>(aid.SubmodelElements, "InterfaceMQTT.EndpointMetadata.base").Value);
            Assert.Equal("basic", Find<Property>(aid.SubmodelElements, "InterfaceMQTT.EndpointMetadata.securityDefinitions.basic_sc.scheme").Value);
            string p = "InterfaceMQTT.InteractionMetadata.properties.";
            Assert.Equal("sensornode/v1/plant1/node-a1/telemetry", Find<Property>(aid.SubmodelElements, p + "telemetry.forms.href").Value);
            Assert.Equal("false", Find<Property>(aid.SubmodelElements, p + "telemetry.forms.mqv_retain").Value);
            Assert.Equal("1", Find<Property>(aid.SubmodelElements, p + "telemetry.forms.mqv_qos").Value);
            Assert.Equal("true", Find<Property>(aid.SubmodelElements, p + "status.forms.mqv_retain").Value);
            Assert.Equal("mm/s", Find<Property>(aid.SubmodelElements, p + "telemetry.properties.Vib.properties.AxisX.properties.Vrms.unit").Value);
            Assert.Equal("vrms", Find<Property>(aid.SubmodelElements, p + "telemetry.properties.Vib.properties.AxisX.properties.Vrms.key").Value);
            var security = Find<SubmodelElementList>(aid.SubmodelElements, "InterfaceMQTT.EndpointMetadata.security");
            var target = ((ReferenceElement)security.Value![0]).Value!;
            Assert.Equal(["InterfaceMQTT", "EndpointMetadata", "securityDefinitions", "basic_sc"], target.Keys.Skip(1).Select(k => k.Value));
            return 0;
        });
    }

    [Fact]
    public void Nameplate_follows_the_idta_02006_template()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.Press());
        repo.Read(v =>
        {
            var np = Sm(v, "Nameplate");
            Assert.Equal(SemanticIds.Nameplate, np.SemanticId!.Keys[0].Value);
            Assert.Equal("Müller Pressen GmbH", Find<MultiLanguageProperty>(np.SubmodelElements, "ManufacturerName").Value![0].Text);
            Assert.Equal("0112/2///61987#ABA565#009", Find<MultiLanguageProperty>(np.SubmodelElements, "ManufacturerName").SemanticId!.Keys[0].Value);
            Assert.Equal("SN-1987-0042", Find<Property>(np.SubmodelElements, "SerialNumber").Value);
            Assert.Equal("1987", Find<Property>(np.SubmodelElements, "YearOfConstruction").Value);
            Assert.Equal("HP-250", Find<Property>(np.SubmodelElements, "ManufacturerProductType").Value);
            // The node's firmware describes the sensor, not the machine: it is not in the machine's nameplate.
            Assert.DoesNotContain(np.SubmodelElements!, e => e.IdShort == "FirmwareVersion");
            return 0;
        });
    }

    [Fact]
    public void Control_characters_from_devices_are_stripped()
    {
        var repo = new AasRepository();
        var info = repo.UpsertMachine(Samples.Press() with { Model = "HP\u0000-250\u0007", Location = "Hall\u001b B" });
        repo.Read(v =>
        {
            Assert.Equal("HP-250", Find<Property>(Sm(v, "Nameplate").SubmodelElements, "ManufacturerProductType").Value);
            Assert.Equal("Hall B", v.FindShell(info.ShellId)!.Description![0].Text);
            Assert.Empty(Verification.AasVerifier.Verify(v.ToEnvironment()));
            return 0;
        });
    }

    [Fact]
    public void Concurrent_updates_and_reads_stay_consistent()
    {
        var repo = new AasRepository();
        repo.UpsertMachine(Samples.Press());
        var writers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 100; i++)
                repo.UpdateReadings(Samples.Sample("node-a1", (uint)(t * 1000 + i), Samples.T0.AddSeconds(t * 1000 + i)));
        })).ToArray();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 20; i++)
                Assert.NotEmpty(repo.Read(v => Serialization.AasJsonWriter.SerializeEnvironment(v.ToEnvironment())));
        })).ToArray();
        Task.WaitAll([.. writers, .. readers]);
        repo.Read(v =>
        {
            var records = Find<SubmodelElementCollection>(Sm(v, "TimeSeries").SubmodelElements, "Segments.InternalSegment.Records").Value!;
            Assert.Equal(60, records.Count);
            Assert.Empty(Verification.AasVerifier.Verify(v.ToEnvironment()));
            return 0;
        });
    }
}
