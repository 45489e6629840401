package org.keywork.progress.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keywork.support.events.EventOutbox;
import org.keywork.testing.IndexUsage;
import org.keywork.testing.KeyworkContainers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every query of progress-service's stores is served by an index on a real MongoDB: {@code explain()} of each shows an
 * index scan and no collection scan. Skipped without Docker.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class ReportStoreIndexesContainersIT {

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        KeyworkContainers.register(registry, "keywork-progress-indexes");
    }

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyStoreQueryUsesAnIndex() {
        assertIndexed(ProgressReport.COLLECTION, ReportStore.historyQuery("5.6", 2021));
        assertIndexed(ProgressReport.COLLECTION, ReportStore.historyQuery("5.6", null));
        assertIndexed(ProgressReport.COLLECTION, ReportStore.supersededByQuery("r-1"));
        assertIndexed(ProgressReport.COLLECTION, ReportStore.latestValuesQuery(2021, "5.6#1",
                java.time.LocalDate.of(2021, 6, 30), 8));
        assertIndexed(ProgressReport.COLLECTION, ReportStore.latestValuesQuery(2021, "5.6#1", null, 8));
        assertIndexed(ProgressReport.COLLECTION, ReportStore.correctionsQuery(java.util.List.of("r-1", "r-2")));
        for (ReportStore.Filter filter : java.util.List.of(
                new ReportStore.Filter("5.6", null, null, null), new ReportStore.Filter(null, "5.6#1", 2021, "区民政局"),
                new ReportStore.Filter(null, null, 2021, "区民政局"), new ReportStore.Filter(null, null, null, "区民政局"),
                new ReportStore.Filter(null, "5.6#1", 2021, null), new ReportStore.Filter(null, null, 2021, null))) {
            assertIndexed(ProgressReport.COLLECTION, ReportStore.listQuery(filter));
        }
        assertIndexed(ProgressReport.COLLECTION, Query.query(Criteria.where(EventOutbox.PENDING).regex("^")));
        assertIndexed(BulkUpload.COLLECTION, Query.query(Criteria.where(BulkUploadStore.PENDING).regex("^")));
        assertIndexed(BulkUpload.COLLECTION, Query.query(Criteria.where(BulkUploadStore.PURGE_AFTER)
                .lt(java.time.Instant.now())));
    }

    private void assertIndexed(String collection, Query query) {
        assertThat(IndexUsage.stages(mongo.getCollection(collection), query.getQueryObject()))
                .as("plan of %s on %s", query.getQueryObject().toJson(), collection)
                .contains("IXSCAN").doesNotContain("COLLSCAN");
    }
}
