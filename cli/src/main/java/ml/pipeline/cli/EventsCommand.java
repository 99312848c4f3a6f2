package ml.pipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.kafka.KafkaConsumers;
import ml.pipeline.stack.kafka.WireFormatDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a topic's events decoded the way any Confluent-compatible reader decodes them ({@link WireFormatDecoder}). */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print a topic's events, decoded through the schema registry, one JSON line each.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", description = "e.g. datasets.published, models.promoted (or its .dlq)")
    String topic;

    @Option(names = "--follow", description = "Keep printing new events until interrupted.")
    boolean follow;

    @Option(names = "--pipeline", description = "Only the events of this pipeline (the record key).")
    String pipeline;

    @Mixin
    StackChoice stack;

    @Override
    public Integer call() {
        StackConfig config = stack.config();
        if (Topic.byName(topic).isEmpty() && Topic.byName(topic.replaceFirst("\\.dlq$", "")).isEmpty()) {
            throw new CliException("no topic '" + topic + "'; the event topics are " + Topic.allTopicNames());
        }
        PrintWriter out = spec.commandLine().getOut();
        WireFormatDecoder decoder = new WireFormatDecoder(config.schemaRegistry().ccompatUrl());
        try (KafkaConsumer<String, byte[]> consumer = KafkaConsumers.raw(config)) {
            List<TopicPartition> partitions = KafkaConsumers.assign(consumer, List.of(topic), KafkaConsumers.From.BEGINNING);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            int printed = 0;
            while (follow || partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (pipeline == null || pipeline.equals(record.key())) {
                        out.println(Instant.ofEpochMilli(record.timestamp()) + " " + record.key() + " "
                                + decoder.decode(record.value()).map(Object::toString)
                                        .orElse("(not in the Confluent wire format)"));
                        printed++;
                    }
                }
                out.flush();
            }
            spec.commandLine().getErr().println(printed + " event(s) on " + topic);
        }
        return 0;
    }
}
