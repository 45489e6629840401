package org.keywork.project.project;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Reads the stored construction items of a plan year, in document order (by section, then item number). */
@Service
class StoredConstructionItems {

    private final MongoTemplate mongo;

    StoredConstructionItems(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    List<ConstructionItem> list(int planYear, Boolean starred) {
        Criteria criteria = Criteria.where("planYear").is(planYear);
        if (starred != null) {
            criteria = criteria.and("starred").is(starred);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("section", "itemNumber")), ConstructionItem.class);
    }

    Optional<ConstructionItem> find(int planYear, String itemId) {
        return Optional.ofNullable(mongo.findById(ConstructionItem.id(planYear, itemId), ConstructionItem.class));
    }
}
