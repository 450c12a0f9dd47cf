import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { likePattern } from '../common/vietnamese-text';
import { Product } from './product.entity';

export interface ProductFilter extends PageQuery {
  q?: string;
  category?: string;
}

@Injectable()
export class ProductsService {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  list(filter: ProductFilter): Promise<Page<Product>> {
    const qb = this.products.createQueryBuilder('p').orderBy('p.code', 'ASC');
    if (filter.q) qb.andWhere(`p.search_text LIKE :q ESCAPE '\\'`, { q: likePattern(filter.q) });
    if (filter.category) qb.andWhere('p.category = :category', { category: filter.category });
    return paginate(qb, filter, (p) => p);
  }

  async get(code: string): Promise<Product> {
    const p = await this.products.findOneBy({ code });
    if (!p) throw DomainError.notFound('PRODUCT', code, 'code');
    return p;
  }

  /** Referenced by another row: an unknown code is the client's field error (422), not a 404. */
  async requireKnown(code: string, field: string, em?: EntityManager): Promise<Product> {
    const repo = em ? em.getRepository(Product) : this.products;
    const p = await repo.findOneBy({ code });
    if (!p) throw DomainError.invalid('PRODUCT.UNKNOWN', field, `${field}: unknown product code "${code}"`);
    return p;
  }
}
